import { isWithinScope, normalizeId } from '../resource-id.js'
import type { EmulatorStateData } from '../state/model.js'
import { authorize, isAllowed } from './auth.js'
import { type ArmCall, type ArmReply, listReply } from './call.js'
import { removeScope } from './cascade.js'
import { ArmError, resourceNotFound } from './errors.js'
import type { NamedType } from './names.js'
import { requireResourceGroup, resourceGroupId } from './resource-groups.js'

/** The fields every tracked resource record has. */
export interface TrackedRecord {
  id: string
  name: string
  resourceGroup: string
  location: string
  tags: Record<string, string>
}

/** The resource a request addresses: names as the caller sent them. */
export interface Target {
  resourceGroup: string
  name: string
  /** The ID as the caller wrote it (used in 403 messages and as the authorization scope). */
  requestedId: string
  /** {@link normalizeId} of the ID: the state map key. */
  key: string
}

/** A tracked resource type the emulator models (identities, stores, hosts). */
export interface TrackedType<R extends TrackedRecord = TrackedRecord> {
  /** Canonical `Namespace/type`. */
  type: NamedType
  /**
   * The resource-group segment used in this type's IDs. ARM's Microsoft.ManagedIdentity returns `resourcegroups`
   * (lower-case, as `xms_mirid` in tokens); the other providers `resourceGroups`.
   */
  resourceGroupsSegment: 'resourceGroups' | 'resourcegroups'
  /** Every record of this type. */
  records(data: Readonly<EmulatorStateData>): R[]
  /** The record with this map key, if any. */
  find(data: Readonly<EmulatorStateData>, key: string): R | undefined
  /** The resource as ARM returns it. */
  render(data: Readonly<EmulatorStateData>, record: R): unknown
  /** Create or replace: 201 when created, 200 when replaced. */
  put(call: ArmCall, target: Target): Promise<ArmReply>
  /** Update some fields: 200, 404 when missing. */
  patch(call: ArmCall, target: Target): Promise<ArmReply>
}

/** Control-plane action names of a type: `Microsoft.Web/sites/read` etc. */
export function actionOf(type: string, verb: 'read' | 'write' | 'delete'): string {
  return `${type}/${verb}`
}

/** The ID the emulator gives a resource: its resource group's and its own casing as first created. */
export function canonicalId(
  kind: Pick<TrackedType, 'type' | 'resourceGroupsSegment'>,
  subscriptionId: string,
  resourceGroupName: string,
  name: string,
): string {
  return `/subscriptions/${subscriptionId}/${kind.resourceGroupsSegment}/${resourceGroupName}/providers/${kind.type}/${name}`
}

/** Handles GET/HEAD/PUT/PATCH/DELETE on one resource of `kind`, after authorizing the caller. */
export async function handleTracked(call: ArmCall, kind: TrackedType, target: Target): Promise<ArmReply> {
  const verb =
    call.method === 'GET' || call.method === 'HEAD' ? 'read' : call.method === 'DELETE' ? 'delete' : 'write'
  authorize(call.ctx, call.caller, { action: actionOf(kind.type, verb), scope: target.requestedId })
  switch (call.method) {
    case 'GET':
    case 'HEAD':
      return getTracked(call, kind, target)
    case 'PUT':
      return kind.put(call, target)
    case 'PATCH':
      return kind.patch(call, target)
    case 'DELETE':
      return deleteTracked(call, kind, target)
    default:
      throw new ArmError(
        405,
        'MethodNotAllowed',
        `The HTTP method '${call.method}' is not supported for ${kind.type}. The uami emulator supports GET, HEAD, PUT, PATCH and DELETE.`,
        { allow: 'GET, HEAD, PUT, PATCH, DELETE' },
      )
  }
}

/** The existing record of the target, or 404 (`ResourceGroupNotFound` first, then `ResourceNotFound`). */
export function requireTracked<R extends TrackedRecord>(
  data: Readonly<EmulatorStateData>,
  kind: TrackedType<R>,
  target: Target,
): R {
  requireResourceGroup(data, target.resourceGroup)
  const record = kind.find(data, target.key)
  if (!record) throw resourceNotFound(kind.type, target.name, target.resourceGroup)
  return record
}

function getTracked(call: ArmCall, kind: TrackedType, target: Target): ArmReply {
  const data = call.ctx.state.data
  if (call.method === 'HEAD') {
    const exists = data.resourceGroups[target.resourceGroup.toLowerCase()] && kind.find(data, target.key)
    return { status: exists ? 204 : 404 }
  }
  return { status: 200, body: kind.render(data, requireTracked(data, kind, target)) }
}

/** DELETE: 200 when deleted (with role assignments scoped to it), 204 when it did not exist. */
async function deleteTracked(call: ArmCall, kind: TrackedType, target: Target): Promise<ArmReply> {
  const removed = await call.ctx.state.update((draft) => {
    requireResourceGroup(draft, target.resourceGroup)
    const record = kind.find(draft, target.key)
    if (!record) return undefined
    return removeScope(draft, record.id)
  })
  if (!removed) return { status: 204 }
  await Promise.all(removed.storeIds.map((id) => call.ctx.stores.stop(id)))
  return { status: 200 }
}

/**
 * GET a collection. In a resource group: the caller needs read on the group (403 otherwise). In the subscription:
 * the records the caller may read.
 */
export function listTracked(call: ArmCall, kind: TrackedType, resourceGroup: string | undefined): ArmReply {
  const data = call.ctx.state.data
  const action = actionOf(kind.type, 'read')
  let records = kind.records(data)
  if (resourceGroup !== undefined) {
    const scope = resourceGroupId(data.subscriptionId, resourceGroup)
    authorize(call.ctx, call.caller, { action, scope })
    const group = requireResourceGroup(data, resourceGroup)
    records = records.filter((record) => isWithinScope(record.id, group.id))
  } else {
    records = records.filter((record) => isAllowed(call.ctx, call.caller, { action, scope: record.id }))
  }
  return listReply(records.map((record) => kind.render(data, record)))
}

/** The {@link Target} of a `resource` route. */
export function targetOf(subscriptionId: string, resourceGroup: string, type: string, name: string): Target {
  const requestedId = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${type}/${name}`
  return { resourceGroup, name, requestedId, key: normalizeId(requestedId) }
}
