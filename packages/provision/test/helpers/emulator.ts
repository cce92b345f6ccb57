import { readFileSync } from 'node:fs'
import tls from 'node:tls'
import { ClientSecretCredential } from '@azure/identity'
import { type RunningEmulator, type StartEmulatorOptions, startEmulator } from '@uami/emulator'
import { type ArmClients, createArmClients } from '../../src/index.ts'

const trusted = new Set<string>()

/**
 * Makes this test worker trust the emulator's local CA (child processes would use NODE_EXTRA_CA_CERTS, which is
 * only read at process start).
 */
function trustLocalCa(caCertPath: string): void {
  const pem = readFileSync(caCertPath, 'utf8')
  if (trusted.has(pem)) return
  trusted.add(pem)
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), ...trusted])
}

/** A running emulator, the developer's credential against it, and ARM clients pointed at it. */
export interface TestBed {
  emulator: RunningEmulator
  credential: ClientSecretCredential
  clients: ArmClients
}

/** Starts an emulator on a temporary state directory, trusts its CA, and builds ARM clients for it. */
export async function startTestBed(options: StartEmulatorOptions = {}): Promise<TestBed> {
  const emulator = await startEmulator(options)
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
    pollIntervalMs: 10,
  })
  return { emulator, credential, clients }
}
