import { ClientSecretCredential } from '@azure/identity'
import { type RunningEmulator, startEmulator, trustLocalCa } from '@uami/emulator'
import { type ArmClients, createArmClients } from '@uami/provision'

/** A running emulator with the developer's credential and ARM clients, trusted by this test process. */
export interface LocalAzure {
  readonly emulator: RunningEmulator
  /** The emulator's developer principal (owner of the subscription; seeds settings). */
  readonly credential: ClientSecretCredential
  /** ARM clients signed in as the developer. */
  readonly clients: ArmClients
}

/**
 * Starts the emulator on a temporary state directory, makes this process trust its local CA (for the seeding
 * calls; child processes get `NODE_EXTRA_CA_CERTS` from `hostEnv`) and signs in as the developer.
 *
 * @returns The emulator, credential and clients. Stop with `emulator.stop()`.
 */
export async function startLocalAzure(): Promise<LocalAzure> {
  const emulator = await startEmulator()
  trustLocalCa(emulator.caCertPath)
  const credential = new ClientSecretCredential(
    emulator.tenantId,
    emulator.developer.clientId,
    emulator.developer.clientSecret,
    { authorityHost: emulator.authorityHost, disableInstanceDiscovery: true },
  )
  const clients = createArmClients({
    credential,
    subscriptionId: emulator.subscriptionId,
    endpoint: emulator.armEndpoint,
  })
  return { emulator, credential, clients }
}
