import type { TokenCredential } from '@azure/identity'
import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity'
import type { Env } from './env.js'

/**
 * The one credential the app uses for every Azure call (one instance: one token cache).
 *
 * @param env - The validated environment.
 * @returns `ManagedIdentityCredential({ objectId })` on the VM, `DefaultAzureCredential` elsewhere.
 */
export function createCredential(env: Env): TokenCredential {
  if (env.onVm) {
    // #region credential
    // On a VM the token comes from IMDS (169.254.169.254). IMDS picks a user-assigned identity by itself only
    // when the VM has exactly one and no system-assigned one, so name it — here by object ID. This needs
    // ManagedIdentityCredential: DefaultAzureCredential has options for a client ID and a resource ID, none for
    // an object ID (ERRATA #1).
    return new ManagedIdentityCredential({ objectId: env.identity.value })
    // #endregion credential
  }
  // On your machine there is no managed identity: DefaultAzureCredential signs in as you (az login, azd, VS Code)
  // and your account needs the same role on the store. It cannot take the object ID (no such option), which is
  // fine here: you are the one signed in. AZURE_TOKEN_CREDENTIALS (e.g. AzureCliCredential) narrows the chain.
  return new DefaultAzureCredential({ disableInstanceDiscovery: env.localAuthority })
}
