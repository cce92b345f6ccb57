import { readFileSync } from 'node:fs'
import tls from 'node:tls'
import { ClientSecretCredential } from '@azure/identity'
import { type RunningEmulator, type StartEmulatorOptions, startEmulator } from '../../src/index.ts'

const trusted = new Set<string>()

/**
 * Makes this (test worker) process trust the emulator's local CA, as `NODE_EXTRA_CA_CERTS` does for child
 * processes (PROTOCOLS.md: `NODE_EXTRA_CA_CERTS` is only read at process start).
 */
export function trustLocalCa(caCertPath: string): void {
  const pem = readFileSync(caCertPath, 'utf8')
  if (trusted.has(pem)) return
  trusted.add(pem)
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), ...trusted])
}

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
