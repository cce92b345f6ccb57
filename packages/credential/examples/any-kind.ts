// Any identifier kind: exactly one of AZURE_CLIENT_ID, AZURE_MANAGED_IDENTITY_RESOURCE_ID or
// AZURE_MANAGED_IDENTITY_OBJECT_ID must be set; createCredential() reads it with identityFromEnv().
import { createCredential } from '@uami/credential'

const { credential, summary } = createCredential()
console.log(JSON.stringify(summary))

// Pass `credential` to any Azure SDK client, e.g. new AppConfigurationClient(endpoint, credential).
export { credential }
