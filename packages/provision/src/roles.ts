import type { ArmClients } from './clients.js'
import { armCall } from './errors/arm-error-mapping.js'
import { RoleDefinitionNotFoundError } from './errors/role-definition-not-found-error.js'

/**
 * Built-in roles the tutorial uses, by name → role definition GUID (the same in every tenant).
 * App Configuration Data Reader is what a sample's identity gets on the store; Data Owner is only for the
 * developer who seeds settings (ERRATA #5).
 */
export const BUILT_IN_ROLES = {
  'App Configuration Data Reader': '516239f1-63e1-4d78-a4de-a74fb236a071',
  'App Configuration Data Owner': '5ae67dd6-50cb-40e7-96ff-dc2bfa4b606b',
  Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
} as const

/** A name of {@link BUILT_IN_ROLES}. */
export type BuiltInRoleName = keyof typeof BUILT_IN_ROLES

/**
 * A role, by built-in name, by any role name (looked up at the scope), or by role definition GUID/ID.
 *
 * @example
 * ```ts
 * const byName: RoleRef = 'App Configuration Data Reader'
 * const byId: RoleRef = { id: '516239f1-63e1-4d78-a4de-a74fb236a071' }
 * ```
 */
export type RoleRef = BuiltInRoleName | (string & {}) | { id: string }

/**
 * The subscription-level role definition ID of a role GUID, the form ARM expects in a role assignment.
 *
 * @example
 * ```ts
 * roleDefinitionId(sub, BUILT_IN_ROLES['App Configuration Data Reader'])
 * // '/subscriptions/{sub}/providers/Microsoft.Authorization/roleDefinitions/516239f1-…'
 * ```
 */
export function roleDefinitionId(subscriptionId: string, roleGuid: string): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}`
}

/**
 * Resolves a {@link RoleRef} to a full role definition ID and a display name. Built-in tutorial roles resolve
 * without a request; other names are looked up with `roleDefinitions.list(scope, { filter: "roleName eq '…'" })`.
 *
 * @throws {@link RoleDefinitionNotFoundError} when no role has that name.
 * @example
 * ```ts
 * const { id } = await resolveRole(clients, store.id, 'App Configuration Data Reader')
 * ```
 */
export async function resolveRole(
  clients: ArmClients,
  scope: string,
  role: RoleRef,
): Promise<{ id: string; guid: string; roleName: string | undefined }> {
  if (typeof role === 'object') {
    const guid = role.id.split('/').filter(Boolean).pop() ?? role.id
    const known = Object.entries(BUILT_IN_ROLES).find(([, value]) => value === guid.toLowerCase())
    return { id: roleDefinitionId(clients.subscriptionId, guid), guid, roleName: known?.[0] }
  }
  const builtIn = (BUILT_IN_ROLES as Record<string, string>)[role]
  if (builtIn) return { id: roleDefinitionId(clients.subscriptionId, builtIn), guid: builtIn, roleName: role }
  const found = await armCall(
    {
      operation: `look up role "${role}"`,
      subscriptionId: clients.subscriptionId,
      scope,
      requiredRole: 'Reader',
    },
    async () => {
      for await (const definition of clients.authorization.roleDefinitions.list(trimScope(scope), {
        filter: `roleName eq '${role.replaceAll("'", "''")}'`,
      })) {
        if (definition.roleName?.toLowerCase() === role.toLowerCase() && definition.name) return definition
      }
      return undefined
    },
  )
  if (!found?.name) throw new RoleDefinitionNotFoundError({ roleName: role, scope })
  return {
    id: roleDefinitionId(clients.subscriptionId, found.name),
    guid: found.name,
    roleName: found.roleName,
  }
}

/**
 * Drops leading slashes: `@azure/arm-authorization` puts `/{scope}` in the path itself, so a scope that starts
 * with `/` would produce `//subscriptions/…` (PROTOCOLS.md).
 */
export function trimScope(scope: string): string {
  return scope.replace(/^\/+/, '')
}
