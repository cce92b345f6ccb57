import { ClientSecretCredential } from '@azure/identity'
import {
  type RunningEmulator,
  type StartEmulatorOptions,
  startEmulator,
  trustLocalCa,
} from '../../src/index.ts'

/**
 * Makes this (test worker) process trust the emulator's local CA, as `NODE_EXTRA_CA_CERTS` does for child
 * processes (PROTOCOLS.md: `NODE_EXTRA_CA_CERTS` is only read at process start). The package's own export.
 */
export { trustLocalCa }

/** Starts an emulator on a temporary state directory and trusts its CA in this process. */
export async function startTestEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = await startEmulator(options)
  trustLocalCa(emulator.caCertPath)
  return emulator
}

/** The seeded developer principal as a real `ClientSecretCredential` against the emulator's authority. */
export function developerCredential(emulator: RunningEmulator): ClientSecretCredential {
  return new ClientSecretCredential(
    emulator.tenantId,
    emulator.developer.clientId,
    emulator.developer.clientSecret,
    {
      authorityHost: emulator.authorityHost,
      disableInstanceDiscovery: true,
    },
  )
}
