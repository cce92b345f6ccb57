// App Service: the identity is selected by CLIENT ID.
// App Service sets IDENTITY_ENDPOINT and IDENTITY_HEADER; you set AZURE_CLIENT_ID in the app settings.
import {
  createCredential,
  describeAccessToken,
  explainAuthError,
  matchIdentity,
  parseIdentitySelector,
} from '@uami/credential'

const selector = parseIdentitySelector({ kind: 'clientId', value: process.env.AZURE_CLIENT_ID })
const { credential, summary } = createCredential({ selector })

try {
  const token = await credential.getToken('https://appconfig.azure.com/.default')
  const claims = describeAccessToken(token)
  console.log(`${summary.credentialKind} on ${summary.host}: token for appid ${claims.appid}`)
  console.log(
    matchIdentity(claims, selector).matches ? 'It is the configured identity.' : 'It is ANOTHER identity.',
  )
} catch (error) {
  const explained = explainAuthError(error, { host: summary.host, selector })
  console.error(`${explained.code}: ${explained.message}`)
  process.exitCode = 1
}
