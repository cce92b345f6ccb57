import { normalizeId } from '../resource-id.js'
import type { EmulatorStateData, HostRecord } from '../state/model.js'

/** An identity a host may get tokens for: its system-assigned identity or an attached user-assigned one. */
export interface AttachedIdentity {
  assignment: 'system' | 'user'
  clientId: string
  principalId: string
  tenantId: string
  /** `xms_mirid`: the user-assigned identity's ID as stored, or the host's ID for a system-assigned identity. */
  resourceId: string
}

/** Finds the host whose identity endpoint path carries `key` (compared lower-case: MSAL lower-cases IMDS URLs). */
export function findHostByKey(data: Readonly<EmulatorStateData>, key: string): HostRecord | undefined {
  const wanted = key.toLowerCase()
  return Object.values(data.hosts).find((host) => host.imdsKey.toLowerCase() === wanted)
}

/**
 * Every identity the host can use, system-assigned first. A user-assigned identity that was attached and later
 * deleted is skipped, as Azure can no longer issue tokens for it.
 */
export function attachedIdentities(data: Readonly<EmulatorStateData>, host: HostRecord): AttachedIdentity[] {
  const result: AttachedIdentity[] = []
  const system = host.identity.systemAssigned
  if (system) {
    result.push({
      assignment: 'system',
      clientId: system.clientId,
      principalId: system.principalId,
      tenantId: system.tenantId || data.tenantId,
      resourceId: host.id,
    })
  }
  for (const id of host.identity.userAssignedIdentities) {
    const identity = data.identities[normalizeId(id)]
    if (!identity) continue
    result.push({
      assignment: 'user',
      clientId: identity.clientId,
      principalId: identity.principalId,
      tenantId: identity.tenantId || data.tenantId,
      resourceId: identity.id,
    })
  }
  return result
}
