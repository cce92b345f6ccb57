import { randomUUID } from 'node:crypto'
import type { EmulatorStateData, IdentityRecord } from '../state/model.js'
import { optionalLocation, requiredLocation, tagsOf } from './body.js'
import type { ArmCall, ArmReply } from './call.js'
import { checkLocationUnchanged } from './location.js'
import { checkName } from './names.js'
import { requireResourceGroup } from './resource-groups.js'
import { canonicalId, requireTracked, type Target, type TrackedType } from './tracked.js'

const TYPE = 'Microsoft.ManagedIdentity/userAssignedIdentities'

/**
 * `Microsoft.ManagedIdentity/userAssignedIdentities` (`@azure/arm-msi`). `tenantId`, `principalId` (the object ID,
 * `oid` in its tokens) and `clientId` (`appid`) are generated once and kept on every later PUT. IDs use
 * `resourcegroups` in lower case, as ARM returns them for identities and as `xms_mirid` carries them.
 */
export const identities: TrackedType<IdentityRecord> = {
  type: TYPE,
  resourceGroupsSegment: 'resourcegroups',
  records: (data) => Object.values(data.identities),
  find: (data, key) => data.identities[key],
  render: (_data, record) => ({
    id: record.id,
    name: record.name,
    type: TYPE,
    location: record.location,
    tags: record.tags,
    properties: { tenantId: record.tenantId, principalId: record.principalId, clientId: record.clientId },
  }),

  async put(call: ArmCall, target: Target): Promise<ArmReply> {
    checkName(TYPE, target.name)
    const body = call.body()
    const location = requiredLocation(body)
    const tags = tagsOf(body) ?? {}
    return call.ctx.state.update((draft) => {
      const group = requireResourceGroup(draft, target.resourceGroup)
      const existing = draft.identities[target.key]
      if (existing) {
        checkLocationUnchanged(existing, location)
        existing.tags = tags
        return { status: 200, body: identities.render(draft, existing) }
      }
      const record: IdentityRecord = {
        id: canonicalId(identities, draft.subscriptionId, group.name, target.name),
        name: target.name,
        resourceGroup: group.name,
        location,
        tags,
        tenantId: draft.tenantId,
        clientId: randomUUID(),
        principalId: randomUUID(),
        createdAt: new Date().toISOString(),
      }
      draft.identities[target.key] = record
      return { status: 201, body: identities.render(draft, record) }
    })
  },

  async patch(call: ArmCall, target: Target): Promise<ArmReply> {
    const body = call.body()
    const location = optionalLocation(body)
    const tags = tagsOf(body)
    return call.ctx.state.update((draft: EmulatorStateData) => {
      const existing = requireTracked(draft, identities, target)
      if (location !== undefined) checkLocationUnchanged(existing, location)
      if (tags !== undefined) existing.tags = tags
      return { status: 200, body: identities.render(draft, existing) }
    })
  },
}
