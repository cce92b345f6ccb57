import type { TokenCredential } from '@azure/identity'
import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity'
import type { Env } from './env.js'

/**
 * The one credential the app uses for every Azure call (one instance: one token cache).
 *
 * @param env - The validated environment.
 * @returns `ManagedIdentityCredential({ resourceId })` on Container Apps, `DefaultAzureCredential` elsewhere.
 */
export function createCredential(env: Env): TokenCredential {
  if (env.onContainerApps) {
    // #region credential
    // On Container Apps the token comes from the platform's identity endpoint (IDENTITY_ENDPOINT, IDENTITY_HEADER).
    // A container app can have several user-assigned identities and never picks one for you, so name it — here
    // by resource ID: the value the container app's identity block and the Bicep template already hold, unique
    // across resource groups. The SDK sends it as `mi_res_id`; `resourceId` is an option of its own, not a
    // client ID (ERRATA #1).
    return new ManagedIdentityCredential({ resourceId: env.identity.value })
    // #endregion credential
  }
  // On your machine there is no managed identity: DefaultAzureCredential signs in as you (az login, azd, VS Code)
  // and your account needs the same role on the store. The resource ID is used only if the chain reaches
  // managed identity. AZURE_TOKEN_CREDENTIALS (e.g. AzureCliCredential) narrows the chain.
  return new DefaultAzureCredential({
    managedIdentityResourceId: env.identity.value,
    disableInstanceDiscovery: env.localAuthority,
  })
}
