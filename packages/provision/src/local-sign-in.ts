import { ClientSecretCredential } from '@azure/identity'
import { type ArmClients, createArmClients } from './clients.js'

/**
 * What {@link signInAsDeveloper} reads from a local Azure. The emulator's `RunningEmulator` has these fields, so
 * pass it as it is; this package does not depend on the emulator.
 */
export interface LocalAzureSignInFacts {
  /** The emulator's ARM endpoint, `https://127.0.0.1:<port>`. */
  readonly armEndpoint: string
  /** The emulator's Microsoft Entra authority host. */
  readonly authorityHost: string
  /** The local tenant. */
  readonly tenantId: string
  /** The local subscription, which the developer principal owns. */
  readonly subscriptionId: string
  /** The seeded developer principal: a client ID and its secret. */
  readonly developer: { readonly clientId: string; readonly clientSecret: string }
}

/** Options of {@link signInAsDeveloper}. */
export interface SignInAsDeveloperOptions {
  /** Polling interval for long-running operations, as in {@link createArmClients}. Default: each SDK's own. */
  readonly pollIntervalMs?: number | undefined
}

/** The developer's credential against a local Azure, and the ARM clients signed in with it. */
export interface DeveloperSignIn {
  /** `ClientSecretCredential` for the developer principal, with the local authority host. */
  readonly credential: ClientSecretCredential
  /** The ARM clients, pointed at the local ARM endpoint and subscription. */
  readonly clients: ArmClients
}

/**
 * Signs in to a local Azure (the emulator) as its developer principal — the Owner of the local subscription, who
 * runs the tutorial's steps and seeds settings — and creates the ARM clients for it. Nothing is requested yet: the
 * credential gets its first token when a client needs one, so make the process trust the emulator's local CA
 * first (`trustLocalCa(emulator.caCertPath)` from `@uami/emulator`).
 *
 * @param local - The emulator's endpoints, tenant, subscription and developer principal (a `RunningEmulator`).
 * @param options - Polling interval for long-running operations.
 * @returns The credential and the clients.
 * @throws {@link InvalidOptionError} when the subscription ID is not a GUID or the ARM endpoint is not https.
 * @example
 * ```ts
 * const emulator = await startEmulator()
 * trustLocalCa(emulator.caCertPath)
 * const { credential, clients } = signInAsDeveloper(emulator)
 * ```
 */
export function signInAsDeveloper(
  local: LocalAzureSignInFacts,
  options: SignInAsDeveloperOptions = {},
): DeveloperSignIn {
  const credential = new ClientSecretCredential(
    local.tenantId,
    local.developer.clientId,
    local.developer.clientSecret,
    { authorityHost: local.authorityHost, disableInstanceDiscovery: true },
  )
  const clients = createArmClients({
    credential,
    subscriptionId: local.subscriptionId,
    endpoint: local.armEndpoint,
    pollIntervalMs: options.pollIntervalMs,
  })
  return { credential, clients }
}
