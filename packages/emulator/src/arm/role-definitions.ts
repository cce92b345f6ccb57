import { builtInRoles, findRole, type RoleDefinition } from '../rbac/roles.js'
import type { ArmCall, ArmReply } from './call.js'
import { listReply } from './call.js'
import { ArmError, methodNotAllowed } from './errors.js'
import type { ArmRoute } from './route.js'

type AuthorizationRoute = Extract<ArmRoute, { kind: 'authorization' }>

const ROLE_DEFINITION_TYPE = 'Microsoft.Authorization/roleDefinitions'
/** Fixed dates for built-in roles (they exist "since forever"). */
const BUILT_IN_DATE = '2015-02-02T21:55:09.8806423Z'

/**
 * The ID ARM gives a built-in role definition read at `scope`: the root form at `/`, the subscription form
 * (`/subscriptions/{sub}/providers/Microsoft.Authorization/roleDefinitions/{guid}`) at any scope inside it.
 */
export function roleDefinitionId(subscriptionId: string | undefined, guid: string): string {
  const prefix = subscriptionId ? `/subscriptions/${subscriptionId}` : ''
  return `${prefix}/providers/Microsoft.Authorization/roleDefinitions/${guid}`
}

/** A built-in role as ARM returns it. */
export function renderRoleDefinition(role: RoleDefinition, subscriptionId: string | undefined): unknown {
  return {
    id: roleDefinitionId(subscriptionId, role.name),
    name: role.name,
    type: ROLE_DEFINITION_TYPE,
    properties: {
      roleName: role.roleName,
      type: 'BuiltInRole',
      description: role.description,
      assignableScopes: ['/'],
      permissions: [
        {
          actions: role.actions,
          notActions: role.notActions,
          dataActions: role.dataActions,
          notDataActions: role.notDataActions,
        },
      ],
      createdOn: BUILT_IN_DATE,
      updatedOn: BUILT_IN_DATE,
      createdBy: null,
      updatedBy: null,
    },
  }
}

/** 404 `RoleDefinitionDoesNotExist`. */
export function roleDefinitionNotFound(id: string, status = 404): ArmError {
  return new ArmError(
    status,
    'RoleDefinitionDoesNotExist',
    `The specified role definition with ID '${id}' does not exist. The uami emulator knows the built-in roles ${builtInRoles
      .map((role) => `'${role.roleName}' (${role.name})`)
      .join(', ')}.`,
  )
}

/**
 * `{scope}/providers/Microsoft.Authorization/roleDefinitions[/{id}]`: the built-in roles of `rbac/roles.ts`, at
 * any scope; list supports `$filter=roleName eq '...'` and `type eq 'BuiltInRole'`. Role definitions are readable
 * by any authenticated caller (as Azure lets every principal in the tenant read them). Custom roles are not
 * modelled.
 */
export function handleRoleDefinitions(call: ArmCall, path: string, route: AuthorizationRoute): ArmReply {
  if (call.method !== 'GET') {
    throw methodNotAllowed(call.method, path, ['GET (custom role definitions are not modelled)'])
  }
  const subscriptionId = route.scope === '/' ? undefined : call.subscriptionId
  if (route.name !== undefined) {
    const role = findRole(route.name)
    if (!role) throw roleDefinitionNotFound(route.name)
    return { status: 200, body: renderRoleDefinition(role, subscriptionId) }
  }
  const filter = call.query.get('$filter')
  const roles = filter ? builtInRoles.filter(roleFilter(filter)) : builtInRoles
  return listReply(roles.map((role) => renderRoleDefinition(role, subscriptionId)))
}

function roleFilter(filter: string): (role: RoleDefinition) => boolean {
  const byName = /^\s*roleName\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(filter)
  if (byName) {
    const name = (byName[1] as string).replace(/''/g, "'").toLowerCase()
    return (role) => role.roleName.toLowerCase() === name
  }
  const byType = /^\s*type\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(filter)
  if (byType) {
    const builtIn = (byType[1] as string).toLowerCase() === 'builtinrole'
    return () => builtIn
  }
  throw new ArmError(
    400,
    'InvalidQueryParameterValue',
    `The $filter '${filter}' is not supported for role definitions. Use "roleName eq '<name>'" or "type eq 'BuiltInRole'".`,
  )
}
