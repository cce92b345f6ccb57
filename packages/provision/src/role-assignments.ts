import { createHash } from 'node:crypto'
import type { RoleAssignment } from '@azure/arm-authorization'
import type { ArmClients } from './clients.js'
import { armCall, armCodeOf, statusOf, toArmError } from './errors/arm-error-mapping.js'
import { PrincipalNotFoundError } from './errors/principal-not-found-error.js'
import type { PrincipalType } from './principal.js'
import { normalizeResourceId } from './resource-ids.js'
import { type RetryOptions, retryWhile } from './retry.js'
import { type RoleRef, resolveRole, trimScope } from './roles.js'

/** Who may create role assignments: named in 403 errors (the last one is the least privileged). */
const ROLE_ASSIGNERS = 'Owner, User Access Administrator or Role Based Access Control Administrator'
const ROLE_ASSIGNER = 'Role Based Access Control Administrator'

/** A role assignment as the verify steps report it. */
export interface RoleAssignmentFacts {
  /** `{scope}/providers/Microsoft.Authorization/roleAssignments/{name}`. */
  id: string
  /** The assignment's GUID name. */
  name: string
  scope: string
  /** Full role definition ID; its last segment is the role GUID. */
  roleDefinitionId: string
  principalId: string
  principalType: string | undefined
}

/** Options of {@link ensureRoleAssignment}. */
export interface EnsureRoleAssignmentOptions {
  /** Where the role applies: the App Configuration store's resource ID for the tutorial. */
  scope: string
  /** The assignee's object ID: a managed identity's `principalId` (never its clientId). */
  principalId: string
  /**
   * Default `ServicePrincipal` (what a managed identity is). Naming the type lets ARM skip the directory lookup
   * that fails right after the identity is created (ERRATA #4).
   */
  principalType?: PrincipalType | undefined
  /** The role: default `App Configuration Data Reader`. */
  role?: RoleRef | undefined
  description?: string | undefined
  /**
   * How long to retry `PrincipalNotFound` (directory replication of a new identity), in ms. Default 120000.
   * Also takes `onWait` and `signal`.
   */
  principalRetry?: RetryOptions | undefined
}

/**
 * Assigns a role to a principal at a scope, or returns the existing assignment for the same principal, role and
 * scope (no duplicate on re-runs). New assignments get a deterministic name derived from scope + principal +
 * role, so two concurrent runs converge on one assignment; ARM's `RoleAssignmentExists` (409) counts as success.
 *
 * The `az` equivalent is `az role assignment create --assignee-object-id <principalId>
 * --assignee-principal-type ServicePrincipal --role "App Configuration Data Reader" --scope <store id>`.
 * Assignments take effect after propagation (seconds to minutes): callers of the data plane retry 403s.
 *
 * @param clients - From {@link createArmClients}.
 * @param options - Scope, principal, role.
 * @returns The assignment and whether this call created it.
 * @throws {@link PrincipalNotFoundError} when ARM does not know the principal after the retry window;
 *   {@link ArmForbiddenError} when the signed-in principal may not assign roles on the scope;
 *   {@link RoleDefinitionNotFoundError} for an unknown role name.
 * @example
 * ```ts
 * await ensureRoleAssignment(clients, { scope: store.id, principalId: identity.principalId })
 * ```
 */
export async function ensureRoleAssignment(
  clients: ArmClients,
  options: EnsureRoleAssignmentOptions,
): Promise<RoleAssignmentFacts & { created: boolean }> {
  const role = await resolveRole(clients, options.scope, options.role ?? 'App Configuration Data Reader')
  const principalType = options.principalType ?? 'ServicePrincipal'
  const roleLabel = role.roleName ?? role.guid
  const context = {
    operation: `assign "${roleLabel}" to principal ${options.principalId} on ${options.scope}`,
    subscriptionId: clients.subscriptionId,
    scope: options.scope,
    requiredRole: ROLE_ASSIGNERS,
    suggestedRole: ROLE_ASSIGNER,
  }
  const find = async () =>
    (
      await findRoleAssignments(clients, {
        scope: options.scope,
        principalId: options.principalId,
        role: { id: role.id },
      })
    )[0]
  const existing = await find()
  if (existing) return { ...existing, created: false }

  const name = roleAssignmentName(options.scope, options.principalId, role.guid)
  const retry = options.principalRetry ?? {}
  try {
    const created = await retryWhile(
      () =>
        clients.authorization.roleAssignments.create(trimScope(options.scope), name, {
          roleDefinitionId: role.id,
          principalId: options.principalId,
          principalType,
          ...(options.description ? { description: options.description } : {}),
        }),
      (error) =>
        armCodeOf(error) === 'PrincipalNotFound'
          ? 'the new principal to replicate (PrincipalNotFound)'
          : undefined,
      ({ error, waitedMs }) =>
        new PrincipalNotFoundError({
          principalId: options.principalId,
          scope: options.scope,
          waitedMs,
          armMessage: error instanceof Error ? error.message : String(error),
          cause: error,
        }),
      { ...retry, timeoutMs: retry.timeoutMs ?? 120_000 },
    )
    return { ...toFacts(created, options.scope, name), created: true }
  } catch (error) {
    if (statusOf(error) === 409 && armCodeOf(error) === 'RoleAssignmentExists') {
      const found = await find()
      if (found) return { ...found, created: false }
    }
    throw toArmError(error, context)
  }
}

/** Options of {@link findRoleAssignments}. */
export interface FindRoleAssignmentsOptions {
  /** The scope to look at, e.g. the store's resource ID. */
  scope: string
  /** Only this principal's assignments. */
  principalId?: string | undefined
  /** Only this role. */
  role?: RoleRef | undefined
  /**
   * Also return assignments inherited from above the scope (resource group, subscription). Default `false`:
   * exactly at the scope.
   */
  includeInherited?: boolean | undefined
}

/**
 * Lists role assignments at a scope (read-only; the tour's verify step). Filters by principal and role.
 *
 * @returns Matching assignments, possibly empty.
 * @example
 * ```ts
 * const found = await findRoleAssignments(clients, { scope: store.id, principalId: identity.principalId,
 *   role: 'App Configuration Data Reader' })
 * if (found.length === 0) console.log('not assigned yet')
 * ```
 */
export async function findRoleAssignments(
  clients: ArmClients,
  options: FindRoleAssignmentsOptions,
): Promise<RoleAssignmentFacts[]> {
  const roleGuid = options.role
    ? (await resolveRole(clients, options.scope, options.role)).guid.toLowerCase()
    : undefined
  const target = normalizeResourceId(options.scope)
  const principal = options.principalId?.toLowerCase()
  return armCall(
    {
      operation: `list role assignments on ${options.scope}`,
      subscriptionId: clients.subscriptionId,
      scope: options.scope,
      requiredRole: 'Reader',
    },
    async () => {
      const results: RoleAssignmentFacts[] = []
      const pages = clients.authorization.roleAssignments.listForScope(
        trimScope(options.scope),
        principal ? { filter: `principalId eq '${principal}'` } : {},
      )
      for await (const assignment of pages) {
        const facts = toFacts(assignment, assignment.scope ?? '', assignment.name ?? '')
        if (principal && facts.principalId.toLowerCase() !== principal) continue
        if (roleGuid && lastGuid(facts.roleDefinitionId) !== roleGuid) continue
        const scope = normalizeResourceId(facts.scope)
        const matches = options.includeInherited
          ? target === scope || target.startsWith(`${scope}/`)
          : target === scope
        if (matches) results.push(facts)
      }
      return results
    },
  )
}

/** Which assignment(s) {@link removeRoleAssignment} removes: one by ID, or every match of principal + role at a scope. */
export type RemoveRoleAssignmentTarget =
  | { id: string }
  | { scope: string; principalId: string; role?: RoleRef | undefined }

/**
 * Removes a role assignment (by ID), or every assignment of a role to a principal exactly at a scope.
 * Idempotent: nothing to remove is not an error. Access lasts until the identity's cached tokens expire.
 *
 * @returns How many assignments were removed.
 * @example
 * ```ts
 * await removeRoleAssignment(clients, { scope: store.id, principalId: identity.principalId,
 *   role: 'App Configuration Data Reader' })
 * ```
 */
export async function removeRoleAssignment(
  clients: ArmClients,
  target: RemoveRoleAssignmentTarget,
): Promise<number> {
  const ids =
    'id' in target
      ? [target.id]
      : (
          await findRoleAssignments(clients, {
            scope: target.scope,
            principalId: target.principalId,
            role: target.role ?? 'App Configuration Data Reader',
          })
        ).map((assignment) => assignment.id)
  let removed = 0
  for (const id of ids) {
    const context = {
      operation: `remove role assignment ${id}`,
      subscriptionId: clients.subscriptionId,
      scope: id.split('/providers/Microsoft.Authorization/')[0],
      requiredRole: ROLE_ASSIGNERS,
      suggestedRole: ROLE_ASSIGNER,
    }
    let deleted: RoleAssignment | undefined
    try {
      deleted = await clients.authorization.roleAssignments.deleteById(trimScope(id))
    } catch (error) {
      if (statusOf(error) !== 404) throw toArmError(error, context)
    }
    // ARM answers 200 with the assignment when it deleted one, 204 without a body when there was none.
    if (deleted?.id) removed++
  }
  return removed
}

/**
 * The deterministic name (a GUID) this package gives the assignment of `roleGuid` to `principalId` at `scope`:
 * the same inputs give the same name on every run; a re-created identity (new principal ID) gets a new one.
 *
 * @example
 * ```ts
 * roleAssignmentName(store.id, identity.principalId, BUILT_IN_ROLES['App Configuration Data Reader'])
 * ```
 */
export function roleAssignmentName(scope: string, principalId: string, roleGuid: string): string {
  const digest = createHash('sha256')
    .update(`${normalizeResourceId(scope)}|${principalId.toLowerCase()}|${roleGuid.toLowerCase()}`)
    .digest()
  const bytes = Buffer.from(digest.subarray(0, 16))
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50 // version 5 layout (name-based)
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80 // RFC 4122 variant
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

function toFacts(assignment: RoleAssignment, scope: string, name: string): RoleAssignmentFacts {
  const resolvedScope = assignment.scope ?? scope
  return {
    id: assignment.id ?? `${resolvedScope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
    name: assignment.name ?? name,
    scope: resolvedScope,
    roleDefinitionId: assignment.roleDefinitionId ?? '',
    principalId: assignment.principalId ?? '',
    principalType: assignment.principalType,
  }
}

function lastGuid(id: string): string {
  return (id.split('/').filter(Boolean).pop() ?? '').toLowerCase()
}
