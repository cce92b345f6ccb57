import { isWithinScope } from '../resource-id.js'
import type { RoleAssignmentRecord } from '../state/model.js'
import { findRole } from './roles.js'

/** Who wants to do what, where: the input of {@link checkAccess}. */
export interface AccessQuery {
  /** Object ID of the caller (`oid` claim). */
  principalId: string
  /** Resource the operation targets. */
  resourceId: string
  /** A control-plane action (`Microsoft.ManagedIdentity/userAssignedIdentities/write`) or a data action. */
  action: string
  /** `true` for data actions (matched against `dataActions`), `false` for control-plane actions. */
  dataAction: boolean
}

/** The clock and propagation delay {@link checkAccess} evaluates with. */
export interface AccessOptions {
  /** Now, in epoch milliseconds. */
  now: number
  /** Assignments younger than this do not count yet: the emulator's role-propagation delay (0 = immediate). */
  propagationDelayMs: number
}

/**
 * The outcome of {@link checkAccess}: allowed (with the assignment that allows it), no matching assignment, or a
 * matching assignment still inside the propagation delay (with when it takes effect).
 */
export type AccessDecision =
  | { allowed: true; assignment: RoleAssignmentRecord }
  | { allowed: false; reason: 'no-assignment' }
  | { allowed: false; reason: 'propagating'; assignment: RoleAssignmentRecord; effectiveAt: number }

/**
 * Azure RBAC in miniature: a principal may perform an action on a resource when one of its role assignments, at
 * the resource or any scope above it (resource group, subscription), has a role whose (data) actions match and
 * whose not-(data) actions do not. Matching is case-insensitive with `*` wildcards, as in Azure.
 */
export function checkAccess(
  assignments: Iterable<RoleAssignmentRecord>,
  query: AccessQuery,
  options: AccessOptions,
): AccessDecision {
  let propagating: { assignment: RoleAssignmentRecord; effectiveAt: number } | undefined
  for (const assignment of assignments) {
    if (assignment.principalId.toLowerCase() !== query.principalId.toLowerCase()) continue
    if (!isWithinScope(query.resourceId, assignment.scope)) continue
    const role = findRole(assignment.roleDefinitionId)
    if (!role) continue
    const allow = query.dataAction ? role.dataActions : role.actions
    const deny = query.dataAction ? role.notDataActions : role.notActions
    if (!allow.some((p) => matches(p, query.action)) || deny.some((p) => matches(p, query.action))) continue
    const effectiveAt = Date.parse(assignment.createdOn) + options.propagationDelayMs
    if (effectiveAt > options.now) {
      if (!propagating || effectiveAt < propagating.effectiveAt) propagating = { assignment, effectiveAt }
      continue
    }
    return { allowed: true, assignment }
  }
  if (propagating) return { allowed: false, reason: 'propagating', ...propagating }
  return { allowed: false, reason: 'no-assignment' }
}

const patternCache = new Map<string, RegExp>()

/**
 * Azure action pattern match: case-insensitive, `*` matches any run of characters, and a `*` standing alone
 * between two slashes also matches no segment at all (Managed Identity Operator's
 * `userAssignedIdentities/{star}/assign/action` grants `userAssignedIdentities/assign/action`).
 */
export function matches(pattern: string, action: string): boolean {
  let regex = patternCache.get(pattern)
  if (!regex) {
    const body = pattern
      .split(/(\/\*\/|\*)/)
      .map((part) => {
        if (part === '/*/') return '/(?:.*/)?'
        if (part === '*') return '.*'
        return part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')
      })
      .join('')
    regex = new RegExp(`^${body}$`, 'i')
    patternCache.set(pattern, regex)
  }
  return regex.test(action)
}
