import { type RunningEmulator, type StartEmulatorOptions, startEmulator, trustLocalCa } from '@uami/emulator'
import { type ArmClients, type DeveloperSignIn, signInAsDeveloper } from '@uami/provision'

/** A running emulator with the developer's credential and ARM clients, trusted by this process. */
export interface LocalAzure {
  readonly emulator: RunningEmulator
  /** The emulator's developer principal (owner of the subscription; seeds settings). */
  readonly credential: DeveloperSignIn['credential']
  /** ARM clients signed in as the developer. */
  readonly clients: ArmClients
}

/**
 * Starts the emulator (on a temporary state directory unless `options.stateDir`), makes this process trust its
 * local CA (for the provisioning and seeding calls; child processes get `NODE_EXTRA_CA_CERTS` from `hostEnv`) and
 * signs in as the developer (`signInAsDeveloper` from `@uami/provision`).
 *
 * @param options - `startEmulator` options.
 * @returns The emulator, credential and clients. Stop with `emulator.stop()`.
 * @throws What `startEmulator` or `trustLocalCa` throws; the emulator is stopped again when trusting its CA fails.
 * @example
 * ```ts
 * const local = await startLocalAzure()
 * try {
 *   await provisionLocalSample(local.clients, { kind: 'vm', suffix: 'vm-1', title: 'Azure Virtual Machine' })
 * } finally {
 *   await local.emulator.stop()
 * }
 * ```
 */
export async function startLocalAzure(options: StartEmulatorOptions = {}): Promise<LocalAzure> {
  const emulator = await startEmulator(options)
  try {
    trustLocalCa(emulator.caCertPath)
    return { emulator, ...signInAsDeveloper(emulator) }
  } catch (error) {
    await emulator.stop()
    throw error
  }
}
