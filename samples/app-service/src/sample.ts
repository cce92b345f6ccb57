import type { SampleDefinition } from '@uami/sample-kit'

/** The App Service sample: a Linux web app that chooses its user-assigned identity by client ID. */
export const sample: SampleDefinition = {
  name: 'app-service',
  title: 'Azure App Service',
  host: 'app-service',
  identifierKind: 'clientId',
  why: 'App Service never picks a user-assigned identity on its own, so the app names it; the client ID is what App Service app settings, DefaultAzureCredential (AZURE_CLIENT_ID) and the portal all use.',
}
