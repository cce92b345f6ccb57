import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import tls from 'node:tls'
import { ClientSecretCredential } from '@azure/identity'
import { startEmulator } from '@uami/emulator'
import { createArmClients } from '@uami/provision'
import { throwawaySshPublicKey } from './ssh-key.js'
import type { TourTarget } from './target.js'

/**
 * Starts the embedded emulator with its state in `<dir>/emulator` (resources survive restarts, so a re-run reuses
 * them), makes this process trust its local CA, and signs in as its developer principal.
 *
 * @param dir - The tour's state directory (`.uami`).
 * @param cwd - For a short display path.
 */
export async function openLocalTarget(dir: string, cwd: string = process.cwd()): Promise<TourTarget> {
  const stateDir = join(dir, 'emulator')
  const emulator = await startEmulator({ stateDir })
  trustCertificate(emulator.caCertPath)
  const credential = new ClientSecretCredential(
    emulator.tenantId,
    emulator.developer.clientId,
    emulator.developer.clientSecret,
    { authorityHost: emulator.authorityHost, disableInstanceDiscovery: true },
  )
  return {
    kind: 'local',
    key: 'local',
    subscriptionId: emulator.subscriptionId,
    clients: createArmClients({
      credential,
      subscriptionId: emulator.subscriptionId,
      endpoint: emulator.armEndpoint,
    }),
    credential,
    credentialNote:
      "ClientSecretCredential as the emulator's developer principal (Owner of the local subscription).",
    emulator,
    prerequisites: 'create',
    sshPublicKey: throwawaySshPublicKey(),
    describe: `the local emulator (state in ${relative(cwd, stateDir) || stateDir})`,
    stop: () => emulator.stop(),
  }
}

const trusted = new Set<string>()

/** Adds a CA to this process's default trust (what NODE_EXTRA_CA_CERTS does for child processes). */
function trustCertificate(caCertPath: string): void {
  const pem = readFileSync(caCertPath, 'utf8')
  if (trusted.has(pem)) return
  trusted.add(pem)
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), ...trusted])
}
