import { join, relative } from 'node:path'
import { startEmulator, trustLocalCa } from '@uami/emulator'
import { signInAsDeveloper } from '@uami/provision'
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
  trustLocalCa(emulator.caCertPath)
  const { credential, clients } = signInAsDeveloper(emulator)
  return {
    kind: 'local',
    key: 'local',
    subscriptionId: emulator.subscriptionId,
    clients,
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
