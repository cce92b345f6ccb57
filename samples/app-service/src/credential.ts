import type { TokenCredential } from '@azure/identity'
import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity'
import type { Env } from './env.js'

/**
 * The one credential the app uses for every Azure call (one instance: one token cache).
 *
 * @param env - The validated environment.
 * @returns `ManagedIdentityCredential({ clientId })` on App Service, `DefaultAzureCredential` elsewhere.
 */
export function createCredential(env: Env): TokenCredential {
  if (env.onAppService) {
    // #region credential
    // On App Service the token comes from the platform's identity endpoint (IDENTITY_ENDPOINT, IDENTITY_HEADER).
    // An app can have several user-assigned identities and App Service never picks one for you: a request that
    // names none asks for the system-assigned identity, and fails if there is none. So name it — by client ID,
    // the form App Service's app settings, the portal and AZURE_CLIENT_ID use. Pass it as an object: the
    // article's `new ManagedIdentityCredential(clientId)` string form is deprecated (ERRATA #1).
    return new ManagedIdentityCredential({ clientId: env.identity.value })
    // #endregion credential
  }
  // On your machine there is no managed identity: DefaultAzureCredential signs in as you (az login, azd, VS Code)
  // and your account needs the same role on the store. The client ID is used only if the chain reaches managed
  // identity. AZURE_TOKEN_CREDENTIALS (e.g. AzureCliCredential) narrows the chain.
  return new DefaultAzureCredential({
    managedIdentityClientId: env.identity.value,
    disableInstanceDiscovery: env.localAuthority,
  })
}
