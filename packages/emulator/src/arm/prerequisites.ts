import { createHash } from 'node:crypto'
import { normalizeId } from '../resource-id.js'
import type { EmulatorStateData, PrerequisiteRecord } from '../state/model.js'
import {
  type JsonObject,
  omitKeys,
  optionalLocation,
  propertiesOf,
  requiredLocation,
  tagsOf,
} from './body.js'
import type { ArmCall, ArmReply } from './call.js'
import { checkLocationUnchanged } from './location.js'
import { checkName, type NamedType } from './names.js'
import { checkPrerequisiteReferences } from './references.js'
import { requireResourceGroup } from './resource-groups.js'
import { renderSubnet, subnetsOfBody } from './subnets.js'
import { canonicalId, requireTracked, type Target, type TrackedType } from './tracked.js'

/** Top-level fields the emulator models (everything else, e.g. `sku`, `kind`, is echoed back). */
const MODELLED_FIELDS = ['id', 'name', 'type', 'location', 'tags', 'properties', 'systemData']

/** What differs between prerequisite types: the properties the emulator computes for responses. */
interface PrerequisiteSpec {
  type: NamedType
  /** Property names the emulator computes (a caller's values for them are ignored). */
  computed: string[]
  /** Computed properties, rendered over what the caller sent. */
  properties(record: PrerequisiteRecord, data: Readonly<EmulatorStateData>): JsonObject
}

/** A GUID derived from the record, stable across reads and restarts. */
function stableGuid(record: PrerequisiteRecord, purpose: string): string {
  const hex = createHash('sha256')
    .update(`${purpose}\u0000${record.id.toLowerCase()}\u0000${record.createdAt}`)
    .digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

const network = (type: NamedType, extra: string[] = []): PrerequisiteSpec => ({
  type,
  computed: ['provisioningState', 'resourceGuid', ...extra],
  properties: (record) => ({ provisioningState: 'Succeeded', resourceGuid: stableGuid(record, 'resource') }),
})

const specs: PrerequisiteSpec[] = [
  {
    type: 'Microsoft.Web/serverfarms',
    computed: ['provisioningState', 'status', 'numberOfSites', 'resourceGroup'],
    properties: (record, data) => ({
      provisioningState: 'Succeeded',
      status: 'Ready',
      resourceGroup: record.resourceGroup,
      numberOfSites: Object.values(data.hosts).filter(
        (host) =>
          host.kind === 'site' &&
          typeof host.extraProperties.serverFarmId === 'string' &&
          normalizeId(host.extraProperties.serverFarmId) === normalizeId(record.id),
      ).length,
    }),
  },
  {
    type: 'Microsoft.App/managedEnvironments',
    computed: ['provisioningState', 'defaultDomain'],
    properties: (record) => ({
      provisioningState: 'Succeeded',
      defaultDomain: `${stableGuid(record, 'domain').slice(0, 8)}.${record.location}.azurecontainerapps.io`,
    }),
  },
  network('Microsoft.Network/virtualNetworks', ['subnets']),
  network('Microsoft.Network/networkInterfaces'),
  network('Microsoft.Network/networkSecurityGroups'),
  network('Microsoft.Network/publicIPAddresses'),
  {
    type: 'Microsoft.OperationalInsights/workspaces',
    computed: ['provisioningState', 'customerId'],
    properties: (record) => ({ provisioningState: 'Succeeded', customerId: stableGuid(record, 'customer') }),
  },
  {
    type: 'Microsoft.ContainerRegistry/registries',
    computed: ['provisioningState', 'loginServer', 'creationDate'],
    properties: (record) => ({
      provisioningState: 'Succeeded',
      loginServer: `${record.name.toLowerCase()}.azurecr.io`,
      creationDate: record.createdAt,
    }),
  },
]

function render(
  spec: PrerequisiteSpec,
  data: Readonly<EmulatorStateData>,
  record: PrerequisiteRecord,
): unknown {
  const properties: JsonObject = { ...record.extraProperties, ...spec.properties(record, data) }
  if (record.subnets) properties.subnets = record.subnets.map((subnet) => renderSubnet(record, subnet))
  return {
    ...record.extraFields,
    id: record.id,
    name: record.name,
    type: spec.type,
    location: record.location,
    tags: record.tags,
    properties,
  }
}

/**
 * A prerequisite type: a lenient tracked resource. PUT stores the body (unknown properties and top-level fields are
 * echoed back), PATCH merges `properties` and replaces `tags` when sent; responses add
 * `provisioningState: 'Succeeded'` and the type's computed properties. A virtual network keeps its subnets as child
 * resources (a PUT replaces them with `properties.subnets`); a network interface's references must exist.
 */
function prerequisiteType(spec: PrerequisiteSpec): TrackedType<PrerequisiteRecord> {
  const isVnet = spec.type === 'Microsoft.Network/virtualNetworks'
  const self: TrackedType<PrerequisiteRecord> = {
    type: spec.type,
    resourceGroupsSegment: 'resourceGroups',
    records: (data) => Object.values(data.resources ?? {}).filter((record) => record.type === spec.type),
    find: (data, key) => {
      const record = data.resources?.[key]
      return record?.type === spec.type ? record : undefined
    },
    render: (data, record) => render(spec, data, record),

    async put(call: ArmCall, target: Target): Promise<ArmReply> {
      checkName(spec.type, target.name)
      const body = call.body()
      const location = requiredLocation(body)
      const tags = tagsOf(body) ?? {}
      const properties = propertiesOf(body)
      const subnets = isVnet ? subnetsOfBody(properties) : undefined
      const extraProperties = omitKeys(properties, spec.computed)
      const extraFields = omitKeys(body, MODELLED_FIELDS)
      return call.ctx.state.update((draft) => {
        const group = requireResourceGroup(draft, target.resourceGroup)
        const existing = self.find(draft, target.key)
        if (existing) checkLocationUnchanged(existing, location)
        const id = existing?.id ?? canonicalId(self, draft.subscriptionId, group.name, target.name)
        checkPrerequisiteReferences(draft, spec.type, id, extraProperties)
        if (existing) {
          Object.assign(existing, { tags, extraProperties, extraFields })
          if (subnets) existing.subnets = subnets
          return { status: 200, body: render(spec, draft, existing) }
        }
        const record: PrerequisiteRecord = {
          id,
          type: spec.type,
          name: target.name,
          resourceGroup: group.name,
          location,
          tags,
          extraProperties,
          extraFields,
          ...(subnets ? { subnets } : {}),
          createdAt: new Date().toISOString(),
        }
        draft.resources ??= {}
        draft.resources[target.key] = record
        // App Service answers a new plan with 200 (the Python SDK accepts only 200/202); the others with 201.
        return {
          status: spec.type === 'Microsoft.Web/serverfarms' ? 200 : 201,
          body: render(spec, draft, record),
        }
      })
    },

    async patch(call: ArmCall, target: Target): Promise<ArmReply> {
      const body = call.body()
      const location = optionalLocation(body)
      const tags = tagsOf(body)
      const properties = propertiesOf(body)
      const subnets = isVnet && properties.subnets !== undefined ? subnetsOfBody(properties) : undefined
      const extraProperties = omitKeys(properties, spec.computed)
      const extraFields = omitKeys(body, MODELLED_FIELDS)
      return call.ctx.state.update((draft) => {
        const existing = requireTracked(draft, self, target)
        if (location !== undefined) checkLocationUnchanged(existing, location)
        checkPrerequisiteReferences(draft, spec.type, existing.id, extraProperties)
        if (tags !== undefined) existing.tags = tags
        if (subnets) existing.subnets = subnets
        existing.extraProperties = { ...existing.extraProperties, ...extraProperties }
        existing.extraFields = { ...existing.extraFields, ...extraFields }
        return { status: 200, body: render(spec, draft, existing) }
      })
    },
  }
  return self
}

/**
 * The prerequisite types of hosts: `Microsoft.Web/serverfarms` (App Service plans),
 * `Microsoft.App/managedEnvironments`, `Microsoft.Network/virtualNetworks` (with `subnets`), `networkInterfaces`,
 * `networkSecurityGroups`, `publicIPAddresses`, `Microsoft.OperationalInsights/workspaces` and
 * `Microsoft.ContainerRegistry/registries`.
 */
export const prerequisiteTypes: readonly TrackedType<PrerequisiteRecord>[] = specs.map(prerequisiteType)
