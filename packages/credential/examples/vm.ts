// A VM: the identity is selected by OBJECT (principal) ID.
// VMs set no variable of their own: the systemd unit sets AZURE_TOKEN_CREDENTIALS=ManagedIdentityCredential
// and AZURE_MANAGED_IDENTITY_OBJECT_ID. DefaultAzureCredential has no object-ID option, so on the VM
// uami builds ManagedIdentityCredential({ objectId }) itself.
import {
  createCredential,
  describeAccessToken,
  explainAuthError,
  matchIdentity,
  parseIdentitySelector,
} from '@uami/credential'

const selector = parseIdentitySelector({
  kind: 'objectId',
  value: process.env.AZURE_MANAGED_IDENTITY_OBJECT_ID,
})
const { credential, summary } = createCredential({ selector })

try {
  const token = await credential.getToken('https://appconfig.azure.com/.default')
  const claims = describeAccessToken(token)
  console.log(`${summary.credentialKind} on ${summary.host}: token for oid ${claims.oid}`)
  console.log(
    matchIdentity(claims, selector).matches ? 'It is the configured identity.' : 'It is ANOTHER identity.',
  )
} catch (error) {
  const explained = explainAuthError(error, { host: summary.host, selector })
  console.error(`${explained.code}: ${explained.message}`)
  process.exitCode = 1
}
