import { findRole } from '../rbac/roles.js'
import { isWithinScope, normalizeId } from '../resource-id.js'
import type { RoleAssignmentRecord } from '../state/model.js'
import { authorize } from './auth.js'
import { isObject } from './body.js'
import { type ArmCall, type ArmReply, listReply } from './call.js'
import { ArmError, invalidRequestContent, methodNotAllowed } from './errors.js'
import { findPrincipal } from './principals.js'
import { roleDefinitionId, roleDefinitionNotFound } from './role-definitions.js'
import { type ArmRoute, isGuid } from './route.js'
import { resolveScope } from './scope.js'

type AuthorizationRoute = Extract<ArmRoute, { kind: 'authorization' }>

const TYPE = 'Microsoft.Authorization/roleAssignments'
const PRINCIPAL_TYPES = ['User', 'Group', 'ServicePrincipal', 'ForeignGroup', 'Device']
const actions = {
  read: 'Microsoft.Authorization/roleAssignments/read',
  write: 'Microsoft.Authorization/roleAssignments/write',
  delete: 'Microsoft.Authorization/roleAssignments/delete',
} as const

/** A role assignment as ARM returns it (`@azure/arm-authorization` RoleAssignment). */
export function renderRoleAssignment(record: RoleAssignmentRecord): unknown {
  return {
    id: record.id,
    name: record.name,
    type: TYPE,
    properties: {
      roleDefinitionId: record.roleDefinitionId,
      principalId: record.principalId,
      principalType: record.principalType,
      scope: record.scope,
      condition: null,
      conditionVersion: null,
      createdOn: record.createdOn,
      updatedOn: record.createdOn,
      createdBy: null,
      updatedBy: null,
      delegatedManagedIdentityResourceId: null,
      description: record.description,
    },
  }
}

/**
 * `{scope}/providers/Microsoft.Authorization/roleAssignments[/{name}]`: create (201), get, delete (200, or 204
 * when absent) and list (`$filter=atScope()`, `principalId eq '...'`, `assignedTo('...')`).
 */
export async function handleRoleAssignments(
  call: ArmCall,
  path: string,
  route: AuthorizationRoute,
): Promise<ArmReply> {
  if (route.name === undefined) {
    if (call.method !== 'GET') throw methodNotAllowed(call.method, path, ['GET'])
    authorize(call.ctx, call.caller, { action: actions.read, scope: route.scope })
    return list(call, route.scope)
  }
  const name = route.name
  const key = normalizeId(`${route.scope}/providers/${TYPE}/${name}`)
  switch (call.method) {
    case 'GET': {
      authorize(call.ctx, call.caller, { action: actions.read, scope: route.scope })
      const record = call.ctx.state.data.roleAssignments[key]
      if (!record) throw notFound(name)
      return { status: 200, body: renderRoleAssignment(record) }
    }
    case 'PUT':
      authorize(call.ctx, call.caller, { action: actions.write, scope: route.scope })
      return create(call, route.scope, name)
    case 'DELETE': {
      authorize(call.ctx, call.caller, { action: actions.delete, scope: route.scope })
      const removed = await call.ctx.state.update((draft) => {
        const record = draft.roleAssignments[key]
        if (record) delete draft.roleAssignments[key]
        return record
      })
      return removed ? { status: 200, body: renderRoleAssignment(removed) } : { status: 204 }
    }
    default:
      throw methodNotAllowed(call.method, path, ['GET', 'PUT', 'DELETE'])
  }
}

function notFound(name: string): ArmError {
  return new ArmError(404, 'RoleAssignmentNotFound', `The role assignment '${name}' is not found.`)
}

interface CreateRequest {
  roleGuid: string
  principalId: string
  principalType: string | undefined
  description: string | null
}

/** Validates the body of a role assignment PUT (everything that does not depend on the state). */
function parseCreate(call: ArmCall, name: string): CreateRequest {
  if (!isGuid(name)) {
    throw new ArmError(
      400,
      'InvalidRoleAssignmentId',
      `The role assignment ID '${name}' is not valid. The role assignment ID must be a GUID.`,
    )
  }
  const properties = call.body().properties
  if (!isObject(properties))
    throw invalidRequestContent("'properties' with roleDefinitionId and principalId is required.")
  const { roleDefinitionId: roleId, principalId, principalType, description, condition } = properties
  if (typeof roleId !== 'string' || roleId === '') {
    throw invalidRequestContent("'properties.roleDefinitionId' is required (a role definition ID).")
  }
  if (typeof principalId !== 'string' || principalId === '') {
    throw invalidRequestContent("'properties.principalId' is required (the object ID of the assignee).")
  }
  if (condition !== undefined && condition !== null) {
    throw invalidRequestContent(
      "'properties.condition' (attribute-based access control) is not modelled by the uami emulator; remove it.",
    )
  }
  if (principalType !== undefined && principalType !== null) {
    if (
      typeof principalType !== 'string' ||
      !PRINCIPAL_TYPES.some((t) => t.toLowerCase() === principalType.toLowerCase())
    ) {
      throw new ArmError(
        400,
        'InvalidPrincipalType',
        `The principal type '${String(principalType)}' is not valid. Use one of ${PRINCIPAL_TYPES.join(', ')}.`,
      )
    }
  }
  if (description !== undefined && description !== null && typeof description !== 'string') {
    throw invalidRequestContent("'properties.description' must be a string.")
  }
  return {
    roleGuid: roleGuidOf(call, roleId),
    principalId,
    principalType: typeof principalType === 'string' ? principalType : undefined,
    description: typeof description === 'string' ? description : null,
  }
}

/** The GUID of a built-in role from `[/subscriptions/{sub}]/providers/Microsoft.Authorization/roleDefinitions/{guid}`. */
function roleGuidOf(call: ArmCall, roleId: string): string {
  const match =
    /^(?:\/subscriptions\/([^/]+))?\/providers\/Microsoft\.Authorization\/roleDefinitions\/([^/]+)\/?$/i.exec(
      roleId.replace(/\/{2,}/g, '/'),
    )
  if (!match) {
    throw new ArmError(
      400,
      'InvalidRoleDefinitionId',
      `The role definition ID '${roleId}' is not valid. Use '/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{guid}'.`,
    )
  }
  const [, subscription, guid] = match as unknown as [string, string | undefined, string]
  const role = findRole(guid)
  if (
    !role ||
    (subscription !== undefined && subscription.toLowerCase() !== call.subscriptionId.toLowerCase())
  ) {
    throw roleDefinitionNotFound(roleId, 400)
  }
  return role.name
}

async function create(call: ArmCall, requestedScope: string, name: string): Promise<ArmReply> {
  const request = parseCreate(call, name)
  return call.ctx.state.update((draft) => {
    const scope = resolveScope(draft, requestedScope)
    const principal = findPrincipal(draft, request.principalId)
    if (!principal) {
      throw new ArmError(
        400,
        'PrincipalNotFound',
        `Principal ${request.principalId} does not exist in the directory ${draft.tenantId}. Check that you have the correct principal ID: the principalId (object ID) of a user-assigned identity, a host's system-assigned identity, or the developer principal.`,
      )
    }
    const accepted = [principal.principalType, ...(principal.alsoAccepted ?? [])].map((t) => t.toLowerCase())
    if (request.principalType && !accepted.includes(request.principalType.toLowerCase())) {
      throw new ArmError(
        400,
        'UnmatchedPrincipalType',
        `The PrincipalId '${principal.objectId}' has type '${principal.principalType}', which is different from specified PrincipalType '${request.principalType}'.`,
      )
    }
    const record: RoleAssignmentRecord = {
      id: `${scope === '/' ? '' : scope}/providers/${TYPE}/${name}`,
      name,
      scope,
      roleDefinitionId: roleDefinitionId(draft.subscriptionId, request.roleGuid),
      principalId: principal.objectId,
      principalType:
        PRINCIPAL_TYPES.find((t) => t.toLowerCase() === request.principalType?.toLowerCase()) ??
        principal.principalType,
      description: request.description,
      createdOn: new Date().toISOString(),
    }
    const key = normalizeId(record.id)
    const existing = draft.roleAssignments[key]
    if (existing) {
      if (sameAssignment(existing, record)) return { status: 200, body: renderRoleAssignment(existing) }
      throw new ArmError(
        400,
        'RoleAssignmentUpdateNotPermitted',
        `Tenant ID, application ID, principal ID, and scope are not allowed to be updated. Role assignment '${name}' already exists for another principal or role; use a new GUID as the name.`,
      )
    }
    const duplicate = Object.values(draft.roleAssignments).find((other) => sameAssignment(other, record))
    if (duplicate) {
      throw new ArmError(
        409,
        'RoleAssignmentExists',
        `The role assignment already exists. The ID of the existing role assignment is ${duplicate.name.replace(/-/g, '')}.`,
      )
    }
    draft.roleAssignments[key] = record
    return { status: 201, body: renderRoleAssignment(record) }
  })
}

function sameAssignment(a: RoleAssignmentRecord, b: RoleAssignmentRecord): boolean {
  return (
    a.principalId.toLowerCase() === b.principalId.toLowerCase() &&
    normalizeId(a.scope) === normalizeId(b.scope) &&
    findRole(a.roleDefinitionId)?.name === findRole(b.roleDefinitionId)?.name
  )
}

/**
 * Lists assignments relevant to `scope`: without a filter those at, above and below it; `atScope()` those at or
 * above it; `principalId eq '{id}'` / `assignedTo('{id}')` those of one principal. Filters combine with `and`.
 */
function list(call: ArmCall, scope: string): ArmReply {
  const filter = call.query.get('$filter')
  const predicates = filter ? parseFilter(filter) : { atScope: false, principalId: undefined }
  const records = Object.values(call.ctx.state.data.roleAssignments).filter((record) => {
    const above = isWithinScope(scope, record.scope)
    const below = isWithinScope(record.scope, scope)
    if (predicates.atScope ? !above : !(above || below)) return false
    return predicates.principalId === undefined || record.principalId.toLowerCase() === predicates.principalId
  })
  return listReply(records.map(renderRoleAssignment))
}

function parseFilter(filter: string): { atScope: boolean; principalId: string | undefined } {
  let atScope = false
  let principalId: string | undefined
  for (const clause of filter.split(/\s+and\s+/i)) {
    const text = clause.trim()
    if (/^atScope\(\)$/i.test(text)) {
      atScope = true
      continue
    }
    const principal = /^principalId\s+eq\s+'([^']*)'$/i.exec(text) ?? /^assignedTo\('([^']*)'\)$/i.exec(text)
    if (principal) {
      principalId = (principal[1] as string).toLowerCase()
      continue
    }
    throw new ArmError(
      400,
      'InvalidQueryParameterValue',
      `The $filter clause '${text}' is not supported for role assignments. Use atScope(), principalId eq '{objectId}' or assignedTo('{objectId}'), joined with 'and'.`,
    )
  }
  return { atScope, principalId }
}
