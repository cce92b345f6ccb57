import type { ResourceGroupRecord } from '../state/model.js'
import { isAllowed } from './auth.js'
import { normalizeLocation, optionalLocation, requiredLocation, tagsOf } from './body.js'
import { type ArmCall, type ArmReply, listReply } from './call.js'
import { removeScope } from './cascade.js'
import { ArmError, resourceGroupNotFound } from './errors.js'
import { checkName } from './names.js'

const RG_TYPE = 'Microsoft.Resources/resourceGroups'
/** Control-plane actions on resource groups. */
export const resourceGroupActions = {
  read: 'Microsoft.Resources/subscriptions/resourceGroups/read',
  write: 'Microsoft.Resources/subscriptions/resourceGroups/write',
  delete: 'Microsoft.Resources/subscriptions/resourceGroups/delete',
} as const

/** `/subscriptions/{sub}/resourceGroups/{name}`, ARM's casing for resource group IDs. */
export function resourceGroupId(subscriptionId: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${name}`
}

/** The resource group record, or 404 `ResourceGroupNotFound`. */
export function requireResourceGroup(
  data: { resourceGroups: Record<string, ResourceGroupRecord> },
  name: string,
): ResourceGroupRecord {
  const record = data.resourceGroups[name.toLowerCase()]
  if (!record) throw resourceGroupNotFound(name)
  return record
}

function render(record: ResourceGroupRecord): unknown {
  return {
    id: record.id,
    name: record.name,
    type: RG_TYPE,
    location: record.location,
    tags: record.tags,
    properties: { provisioningState: 'Succeeded' },
  }
}

/** GET / HEAD (checkExistence: 204 or 404 without a body). */
export function getResourceGroup(call: ArmCall, name: string): ArmReply {
  const record = call.ctx.state.data.resourceGroups[name.toLowerCase()]
  if (call.method === 'HEAD') return { status: record ? 204 : 404 }
  if (!record) throw resourceGroupNotFound(name)
  return { status: 200, body: render(record) }
}

/** PUT: 201 when created, 200 when updated (tags replaced; the location cannot change). */
export async function putResourceGroup(call: ArmCall, name: string): Promise<ArmReply> {
  checkName(RG_TYPE, name)
  const body = call.body()
  const location = requiredLocation(body)
  const tags = tagsOf(body) ?? {}
  return call.ctx.state.update((draft) => {
    const existing = draft.resourceGroups[name.toLowerCase()]
    if (existing) {
      checkSameLocation(existing, location)
      existing.tags = tags
      return { status: 200, body: render(existing) }
    }
    const record: ResourceGroupRecord = {
      id: resourceGroupId(draft.subscriptionId, name),
      name,
      location,
      tags,
      createdAt: new Date().toISOString(),
    }
    draft.resourceGroups[name.toLowerCase()] = record
    return { status: 201, body: render(record) }
  })
}

/** PATCH: tags replaced when given; unspecified fields are retained. */
export async function patchResourceGroup(call: ArmCall, name: string): Promise<ArmReply> {
  const body = call.body()
  const location = optionalLocation(body)
  const tags = tagsOf(body)
  return call.ctx.state.update((draft) => {
    const existing = requireResourceGroup(draft, name)
    if (location !== undefined) checkSameLocation(existing, location)
    if (tags !== undefined) existing.tags = tags
    return { status: 200, body: render(existing) }
  })
}

/** DELETE: removes the group and everything in it (stores are stopped); 200, or 404 when it does not exist. */
export async function deleteResourceGroup(call: ArmCall, name: string): Promise<ArmReply> {
  const removed = await call.ctx.state.update((draft) => {
    const existing = requireResourceGroup(draft, name)
    delete draft.resourceGroups[name.toLowerCase()]
    return removeScope(draft, existing.id)
  })
  await Promise.all(removed.storeIds.map((id) => call.ctx.stores.stop(id)))
  return { status: 200 }
}

/** GET list: the groups the caller may read. */
export function listResourceGroups(call: ArmCall): ArmReply {
  const visible = Object.values(call.ctx.state.data.resourceGroups).filter((record) =>
    isAllowed(call.ctx, call.caller, { action: resourceGroupActions.read, scope: record.id }),
  )
  return listReply(visible.map(render))
}

function checkSameLocation(existing: ResourceGroupRecord, location: string): void {
  if (normalizeLocation(existing.location) === location) return
  throw new ArmError(
    409,
    'InvalidResourceGroupLocation',
    `Invalid resource group location '${location}'. The Resource group already exists in location '${existing.location}'.`,
  )
}
