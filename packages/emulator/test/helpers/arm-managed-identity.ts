import type { RunningEmulator } from '../../src/index.ts'
import { fixture, runNodeJson } from './child.ts'

/** What test/fixtures/arm-as-managed-identity.mjs prints. */
export interface ManagedIdentityArmOutcome {
  ok: boolean
  status?: number
  code?: string
  message?: string
  // biome-ignore lint/suspicious/noExplicitAny: ARM JSON, asserted with toMatchObject
  body?: any
}

/** An ARM call the child process makes as the host's managed identity. */
export type ManagedIdentityArmOperation =
  | { op: 'fetch'; method?: string; path: string; body?: unknown }
  | { op: 'getIdentity' | 'createIdentity'; resourceGroup: string; name: string }

/**
 * Calls the emulator's ARM as a managed identity: in a child process with the host's environment (as the real
 * `ManagedIdentityCredential` is static per process), selecting the identity with `selector`.
 */
export function armAsManagedIdentity(
  emulator: RunningEmulator,
  hostId: string,
  selector: Record<string, string>,
  operation: ManagedIdentityArmOperation,
): Promise<ManagedIdentityArmOutcome> {
  return runNodeJson<ManagedIdentityArmOutcome>(
    fixture('arm-as-managed-identity.mjs'),
    [JSON.stringify(selector), JSON.stringify(operation)],
    {
      ...emulator.hostEnv(hostId),
      ARM_ENDPOINT: emulator.armEndpoint,
      ARM_SUBSCRIPTION_ID: emulator.subscriptionId,
    },
  )
}
