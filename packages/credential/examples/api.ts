// The whole main entry, one call each. Runs offline: it builds a credential but asks for no token.
import {
  chooseCredential,
  createCredential,
  describeAccessToken,
  detectHost,
  errorCatalogue,
  explainAuthError,
  IDENTITY_VARIABLES,
  identityFromEnv,
  isUamiCredentialError,
  matchIdentity,
  parseIdentitySelector,
  UamiCredentialError,
} from '@uami/credential'

const env = { WEBSITE_SITE_NAME: 'web-uami', AZURE_CLIENT_ID: '7d1f3f2e-8c4b-4f7a-9a51-2b8e6c0d4f11' }

// Where the code runs, from the variables each host sets: 'app-service'.
const host = detectHost(env)
// The identifier from its variable (IDENTITY_VARIABLES.clientId is 'AZURE_CLIENT_ID'), validated.
const selector = identityFromEnv(env) // { clientId: '7d1f3f2e-…' }
// The same from a value you hold; a malformed one throws a coded error naming the variable.
parseIdentitySelector({ kind: 'clientId', value: env[IDENTITY_VARIABLES.clientId] })
// The decision only (JSON-safe), then the credential itself: ManagedIdentityCredential({ clientId }) here.
const { credentialKind } = chooseCredential({ selector, env })
const { credential } = createCredential({ selector, env })

// A token's safe claims (never the token), and whether they are the configured identity's.
const payload = Buffer.from(JSON.stringify({ appid: selector.clientId, oid: 'o', aud: 'a' })).toString(
  'base64url',
)
const claims = describeAccessToken({
  token: `e30.${payload}.sig`,
  expiresOnTimestamp: Date.now() + 3_600_000,
})
const { matches } = matchIdentity(claims, selector)

// An SDK failure turned into a coded error with the command that fixes it.
const forbidden = Object.assign(new Error('Forbidden'), { name: 'RestError', statusCode: 403 })
const explained = explainAuthError(forbidden, { host, selector, storeName: 'appcs-uami', principalId: 'o' })

// Branch on the code; the check narrows to the error's class and its typed fields.
let position: number | undefined
try {
  parseIdentitySelector({ kind: 'clientId', value: '7d1f3f2e-8c4b-4f7a-9a51-2b8e6c0d4f1Z' })
} catch (error) {
  if (isUamiCredentialError(error, 'UAMI_CRED_INVALID_GUID')) position = error.position
}

console.log(
  JSON.stringify({
    host,
    credentialKind,
    credential: credential.constructor.name,
    matches,
    explained: { code: explained.code, isError: explained instanceof UamiCredentialError },
    position,
    codes: errorCatalogue.length,
  }),
)
