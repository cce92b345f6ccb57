import { load } from '@azure/app-configuration-provider'
import type { TokenCredential } from '@azure/identity'
import type { LoadSettings } from '@uami/fastify-app-configuration'
import { isLocalEndpoint } from '@uami/fastify-app-configuration'
import type { Env } from './env.js'

/**
 * How the settings are read: the App Configuration provider's `load()` with the identity's credential. The
 * identity needs the App Configuration Data Reader role on the store, and the store can keep local
 * authentication (access keys) disabled.
 *
 * @param env - The validated environment.
 * @param credential - From credential.ts.
 * @returns The `load()` call the settings plugin makes at start-up (and again if it failed).
 */
export function settingsLoader(env: Env, credential: TokenCredential): LoadSettings {
  // #region load
  return ({ clientOptions }) =>
    load(env.appConfigEndpoint, credential, {
      // Reload everything when the sentinel key changes: change it last, after the other keys.
      refreshOptions: {
        enabled: true,
        refreshIntervalInMs: env.refreshSeconds * 1000,
        watchedSettings: [{ key: env.sentinelKey }],
      },
      // Replica discovery looks the store's replicas up in DNS; a local emulator on loopback has none.
      replicaDiscoveryEnabled: !isLocalEndpoint(env.appConfigEndpoint),
      startupOptions: { timeoutInMs: 15_000 },
      // The plugin watches each request, so that /readyz can tell fresh settings from last-known-good ones.
      clientOptions,
    })
  // #endregion load
}
