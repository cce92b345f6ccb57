import type { ClientSecretCredential } from '@azure/identity'
import { type RunningEmulator, type StartEmulatorOptions, startEmulator, trustLocalCa } from '@uami/emulator'
import { type ArmClients, signInAsDeveloper } from '../../src/index.ts'

/** A running emulator, the developer's credential against it, and ARM clients pointed at it. */
export interface TestBed {
  emulator: RunningEmulator
  credential: ClientSecretCredential
  clients: ArmClients
}

/**
 * Starts an emulator on a temporary state directory, makes this test worker trust its CA (child processes use
 * NODE_EXTRA_CA_CERTS instead), and signs in as its developer with a short polling interval.
 */
export async function startTestBed(options: StartEmulatorOptions = {}): Promise<TestBed> {
  const emulator = await startEmulator(options)
  trustLocalCa(emulator.caCertPath)
  return { emulator, ...signInAsDeveloper(emulator, { pollIntervalMs: 10 }) }
}
