import { randomUUID } from 'node:crypto'
import { fullType, normalizeId, parseResourceId } from '../resource-id.js'
import type { EmulatorStateData, HostIdentity } from '../state/model.js'
import { isObject } from './body.js'
import { ArmError, invalidRequestContent } from './errors.js'

const IDENTITY_TYPE = 'Microsoft.ManagedIdentity/userAssignedIdentities'

/** The `identity` block of a host request, validated for shape (not yet against the state). */
export interface IdentityBlock {
  system: boolean
  user: boolean
  /** Identity resource ID (as sent) → `true` to attach, `false` to detach (`null` in a PATCH). */
  userAssigned: Map<string, { id: string; attach: boolean }>
}

/** `None`, `SystemAssigned`, `UserAssigned` or `SystemAssigned, UserAssigned` (ARM's casing). */
export function identityTypeName(system: boolean, user: boolean): string {
  if (system && user) return 'SystemAssigned, UserAssigned'
  if (system) return 'SystemAssigned'
  if (user) return 'UserAssigned'
  return 'None'
}

function invalidParameter(message: string): ArmError {
  return new ArmError(400, 'InvalidParameter', message)
}

/**
 * Parses an `identity` block. `type` is required and case-insensitive (`SystemAssigned,UserAssigned` also
 * accepted); `userAssignedIdentities` maps identity resource IDs to `{}` (or to `null`, in a PATCH, to detach).
 * Returns `undefined` when the body has no identity block.
 */
export function parseIdentityBlock(value: unknown, mode: 'put' | 'patch'): IdentityBlock | undefined {
  if (value === undefined || value === null) return undefined
  if (!isObject(value)) throw invalidRequestContent("'identity' must be a JSON object with a 'type'.")
  const { type, userAssignedIdentities } = value
  if (typeof type !== 'string') {
    throw invalidParameter(
      "The identity block needs a 'type': 'None', 'SystemAssigned', 'UserAssigned' or 'SystemAssigned, UserAssigned'.",
    )
  }
  const parts = type
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean)
  const known = new Set(['none', 'systemassigned', 'userassigned'])
  const unique = new Set(parts)
  if (
    parts.length === 0 ||
    unique.size !== parts.length ||
    parts.some((part) => !known.has(part)) ||
    (unique.has('none') && unique.size > 1)
  ) {
    throw invalidParameter(
      `The identity type '${type}' is not valid. Use 'None', 'SystemAssigned', 'UserAssigned' or 'SystemAssigned, UserAssigned'.`,
    )
  }
  const block: IdentityBlock = {
    system: unique.has('systemassigned'),
    user: unique.has('userassigned'),
    userAssigned: new Map(),
  }
  if (userAssignedIdentities === undefined || userAssignedIdentities === null) return block
  if (!isObject(userAssignedIdentities)) {
    throw invalidRequestContent(
      "'identity.userAssignedIdentities' must be an object keyed by identity resource ID.",
    )
  }
  for (const [id, entry] of Object.entries(userAssignedIdentities)) {
    if (entry === null && mode === 'patch') {
      block.userAssigned.set(normalizeId(id), { id, attach: false })
      continue
    }
    if (!isObject(entry)) {
      throw invalidRequestContent(
        `The value for '${id}' in 'identity.userAssignedIdentities' must be an empty object {}${mode === 'patch' ? ' (or null to detach it)' : ''}.`,
      )
    }
    block.userAssigned.set(normalizeId(id), { id, attach: true })
  }
  return block
}

/** Result of applying an identity block to a host. */
export interface AppliedIdentity {
  identity: HostIdentity
  /** Identity IDs attached by this request (the caller needs `assign/action` on them). */
  attached: string[]
}

/**
 * Computes a host's new identity from its current one and a request's block. A PUT replaces the set of
 * user-assigned identities; a PATCH merges into it (`null` detaches). Every referenced identity must exist (400
 * `FailedIdentityOperation`); `UserAssigned` needs at least one (400 `MissingIdentityIds`); identities without
 * `UserAssigned` in the type are refused. A system-assigned identity keeps its IDs while enabled and gets new ones
 * when enabled again, as in Azure.
 */
export function applyIdentity(
  data: Readonly<EmulatorStateData>,
  hostId: string,
  current: HostIdentity | undefined,
  block: IdentityBlock,
  mode: 'put' | 'patch',
): AppliedIdentity {
  if (!block.user && [...block.userAssigned.values()].some((entry) => entry.attach)) {
    throw invalidParameter(
      `The identity type '${identityTypeName(block.system, false)}' cannot have 'userAssignedIdentities'. Use type 'UserAssigned' or 'SystemAssigned, UserAssigned'.`,
    )
  }
  const ids = new Map<string, string>()
  if (mode === 'patch' && current) {
    for (const id of current.userAssignedIdentities) ids.set(normalizeId(id), id)
  }
  const previously = new Set(current?.userAssignedIdentities.map(normalizeId) ?? [])
  const attached: string[] = []
  for (const [key, { id, attach }] of block.userAssigned) {
    if (!attach) {
      ids.delete(key)
      continue
    }
    checkIdentityId(id)
    const identity = data.identities[key]
    if (!identity) {
      throw new ArmError(
        400,
        'FailedIdentityOperation',
        `Identity operation for resource '${hostId}' failed with error 'Resource '${id}' was not found.'. Create the user-assigned identity first (az identity create), then attach it by its resource ID.`,
      )
    }
    if (!ids.has(key)) ids.set(key, id)
    if (!previously.has(key)) attached.push(identity.id)
  }
  if (!block.user) ids.clear()
  if (block.user && ids.size === 0) {
    throw new ArmError(
      400,
      'MissingIdentityIds',
      "The identity ids must not be null or empty for 'UserAssigned' identity type. Add the identity's resource ID to 'identity.userAssignedIdentities'.",
    )
  }
  const identity: HostIdentity = {
    type: identityTypeName(block.system, block.user),
    userAssignedIdentities: [...ids.values()],
  }
  if (block.system) {
    identity.systemAssigned = current?.systemAssigned ?? {
      principalId: randomUUID(),
      clientId: randomUUID(),
      tenantId: data.tenantId,
    }
  }
  return { identity, attached }
}

/** 400 `LinkedInvalidPropertyId` unless `id` is a user-assigned identity resource ID. */
function checkIdentityId(id: string): void {
  const parsed = parseResourceId(id)
  const ok =
    parsed?.resourceGroup !== undefined &&
    parsed.names.length === 1 &&
    fullType(parsed)?.toLowerCase() === IDENTITY_TYPE.toLowerCase() &&
    id.startsWith('/')
  if (ok) return
  throw new ArmError(
    400,
    'LinkedInvalidPropertyId',
    `Property id '${id}' at path 'identity.userAssignedIdentities' is invalid. Expect a fully qualified resource ID of a user-assigned identity: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}'.`,
  )
}

/** The identity block as ARM returns it on a host. */
export function renderIdentity(data: Readonly<EmulatorStateData>, identity: HostIdentity): unknown {
  const result: Record<string, unknown> = { type: identity.type }
  if (identity.systemAssigned) {
    result.principalId = identity.systemAssigned.principalId
    result.tenantId = identity.systemAssigned.tenantId
  }
  if (identity.userAssignedIdentities.length > 0) {
    result.userAssignedIdentities = Object.fromEntries(
      identity.userAssignedIdentities.map((id) => {
        const record = data.identities[normalizeId(id)]
        return [id, record ? { principalId: record.principalId, clientId: record.clientId } : {}]
      }),
    )
  }
  return result
}
