import type { TokenCredential } from '@azure/core-auth'
import type { RunningEmulator } from '@uami/emulator'
import type { ArmClients } from '@uami/provision'

/**
 * Where the tour's ARM calls go: the embedded local emulator, or a real Azure subscription. The steps are the same
 * code for both; only this object differs.
 */
export interface TourTarget {
  kind: 'local' | 'azure'
  /** Key of the run in the progress file: `local` or `azure:<subscription-id>`. */
  key: string
  subscriptionId: string
  clients: ArmClients
  /** Who signs in (the developer): the emulator's developer principal, or your Azure CLI sign-in. */
  credential: TokenCredential
  /** How the credential was chosen, in one sentence. */
  credentialNote: string
  /** The running emulator (local only): host environments and the propagation delay. */
  emulator: RunningEmulator | undefined
  /** `create`: also create the plan / environment / network hosts need (Azure); `skip` on the emulator. */
  prerequisites: 'create' | 'skip'
  /** The VM's SSH public key (Azure only). */
  sshPublicKey?: string | undefined
  /** One line for the intro, e.g. "the local emulator (state in .uami/emulator)". */
  describe: string
  /** Stops what the target started (the emulator). Idempotent. */
  stop(): Promise<void>
}
