import { readFileSync } from 'node:fs'
import tls from 'node:tls'
import { ClientSecretCredential } from '@azure/identity'
import { type RunningEmulator, startEmulator } from '@uami/emulator'
import { type ArmClients, createArmClients } from '@uami/provision'

const trusted = new Set<string>()

/** Starts an emulator on a temporary state directory and makes this test worker trust its CA. */
export async function startTestEmulator(): Promise<RunningEmulator> {
  const emulator = await startEmulator()
  const pem = readFileSync(emulator.caCertPath, 'utf8')
  if (!trusted.has(pem)) {
    trusted.add(pem)
    tls.setDefaultCACertificates([...tls.getCACertificates('default'), ...trusted])
  }
  return emulator
}

/** The emulator's developer principal and ARM clients against the emulator. */
export function developer(emulator: RunningEmulator): {
  credential: ClientSecretCredential
  clients: ArmClients
} {
  const credential = new ClientSecretCredential(
    emulator.tenantId,
    emulator.developer.clientId,
    emulator.developer.clientSecret,
    {
      authorityHost: emulator.authorityHost,
      disableInstanceDiscovery: true,
    },
  )
  return {
    credential,
    clients: createArmClients({
      credential,
      subscriptionId: emulator.subscriptionId,
      endpoint: emulator.armEndpoint,
    }),
  }
}
