import type { SampleDefinition } from '@uami/sample-kit'

/** The Container Apps sample: a container app that chooses its user-assigned identity by resource ID. */
export const sample: SampleDefinition = {
  name: 'container-apps',
  title: 'Azure Container Apps',
  host: 'container-apps',
  identifierKind: 'resourceId',
  why: "Container Apps never picks a user-assigned identity on its own, so the app names it; the resource ID is what the container app's identity block and the Bicep template already hold, and it names the identity unambiguously across resource groups.",
}
