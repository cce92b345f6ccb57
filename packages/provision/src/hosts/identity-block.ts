import { sameResourceId } from '../resource-ids.js'

/** A host's `identity` block as the ARM clients return it (all three host SDKs share this shape). */
export interface IdentityBlock {
  type?: string | undefined
  principalId?: string | undefined
  userAssignedIdentities?: Record<string, unknown> | null | undefined
}

/** What identities a host has: the verify of the attach step. */
export interface HostIdentityState {
  /** `None`, `SystemAssigned`, `UserAssigned` or `SystemAssigned, UserAssigned`. */
  type: string
  /** Resource IDs of the attached user-assigned identities, as ARM returns them. */
  userAssignedIdentityIds: string[]
  /** The system-assigned identity's principal ID, when one is enabled. */
  systemAssignedPrincipalId: string | undefined
}

/** An `identity` block to send. `null` values remove an identity under merge-patch (PATCH) semantics. */
export interface IdentityBlockUpdate {
  type: string
  userAssignedIdentities?: Record<string, Record<string, never> | null>
}

/** Whether an identity type includes a system-assigned identity. */
export function hasSystemAssigned(type: string | undefined): boolean {
  return (type ?? '').toLowerCase().includes('systemassigned')
}

/**
 * Reads a host's identity block into a {@link HostIdentityState}.
 *
 * @example
 * ```ts
 * identityState({ type: 'UserAssigned', userAssignedIdentities: { [id]: {} } }).userAssignedIdentityIds // [id]
 * ```
 */
export function identityState(block: IdentityBlock | undefined): HostIdentityState {
  const ids = Object.entries(block?.userAssignedIdentities ?? {})
    .filter(([, value]) => value !== null)
    .map(([id]) => id)
  const type = block?.type ?? (ids.length > 0 ? 'UserAssigned' : 'None')
  return {
    type,
    userAssignedIdentityIds: ids,
    systemAssignedPrincipalId: hasSystemAssigned(type) ? block?.principalId : undefined,
  }
}

/** Whether `identityId` is among the host's user-assigned identities (case-insensitive). */
export function isAttached(state: HostIdentityState, identityId: string): boolean {
  return state.userAssignedIdentityIds.some((id) => sameResourceId(id, identityId))
}

/**
 * The identity block that adds `identityId` to a host, keeping every identity it has: other user-assigned
 * identities stay listed and a system-assigned identity stays enabled (`SystemAssigned, UserAssigned`). Valid for
 * PUT (full replacement) and PATCH alike.
 *
 * @example
 * ```ts
 * withUserAssigned({ type: 'SystemAssigned' }, id) // { type: 'SystemAssigned, UserAssigned', userAssignedIdentities: { [id]: {} } }
 * ```
 */
export function withUserAssigned(
  current: IdentityBlock | undefined,
  identityId: string,
): IdentityBlockUpdate {
  const state = identityState(current)
  const ids = state.userAssignedIdentityIds.filter((id) => !sameResourceId(id, identityId))
  ids.push(identityId)
  return {
    type: hasSystemAssigned(state.type) ? 'SystemAssigned, UserAssigned' : 'UserAssigned',
    userAssignedIdentities: Object.fromEntries(ids.map((id) => [id, {}])),
  }
}

/**
 * The identity block that removes `identityId` from a host and keeps the rest.
 * - `replace` (PUT, App Service): lists the identities that remain.
 * - `merge-patch` (PATCH, Container Apps and VMs): lists the identities that remain and sends the removed one as
 *   `null`, as the VM REST documentation shows.
 * With nothing left, the type becomes `SystemAssigned` (when enabled) or `None`, without a map.
 *
 * @example
 * ```ts
 * withoutUserAssigned({ type: 'UserAssigned', userAssignedIdentities: { [id]: {} } }, id, 'merge-patch') // { type: 'None' }
 * ```
 */
export function withoutUserAssigned(
  current: IdentityBlock | undefined,
  identityId: string,
  semantics: 'replace' | 'merge-patch',
): IdentityBlockUpdate {
  const state = identityState(current)
  const system = hasSystemAssigned(state.type)
  const removed = state.userAssignedIdentityIds.filter((id) => sameResourceId(id, identityId))
  const remaining = state.userAssignedIdentityIds.filter((id) => !sameResourceId(id, identityId))
  if (remaining.length === 0) return { type: system ? 'SystemAssigned' : 'None' }
  const type = system ? 'SystemAssigned, UserAssigned' : 'UserAssigned'
  if (semantics === 'replace') {
    return { type, userAssignedIdentities: Object.fromEntries(remaining.map((id) => [id, {}])) }
  }
  // Remaining identities are listed too, so the body means the same whether the provider merges the map (JSON
  // merge patch) or replaces it.
  return {
    type,
    userAssignedIdentities: Object.fromEntries([
      ...remaining.map((id): [string, Record<string, never>] => [id, {}]),
      ...removed.map((id): [string, null] => [id, null]),
    ]),
  }
}
