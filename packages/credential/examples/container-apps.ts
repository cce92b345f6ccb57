// Container Apps: the identity is selected by RESOURCE ID.
// Container Apps sets CONTAINER_APP_NAME, IDENTITY_ENDPOINT and IDENTITY_HEADER;
// you set AZURE_MANAGED_IDENTITY_RESOURCE_ID on the container.
import {
  createCredential,
  describeAccessToken,
  explainAuthError,
  matchIdentity,
  parseIdentitySelector,
} from '@uami/credential'

const selector = parseIdentitySelector({
  kind: 'resourceId',
  value: process.env.AZURE_MANAGED_IDENTITY_RESOURCE_ID,
})
const { credential, summary } = createCredential({ selector })

try {
  const token = await credential.getToken('https://appconfig.azure.com/.default')
  const claims = describeAccessToken(token)
  console.log(`${summary.credentialKind} on ${summary.host}: token for ${claims.xms_mirid}`)
  console.log(
    matchIdentity(claims, selector).matches ? 'It is the configured identity.' : 'It is ANOTHER identity.',
  )
} catch (error) {
  const explained = explainAuthError(error, { host: summary.host, selector })
  console.error(`${explained.code}: ${explained.message}`)
  process.exitCode = 1
}
