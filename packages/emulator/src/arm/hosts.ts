import { createHash, randomBytes } from 'node:crypto'
import type { EmulatorStateData, HostIdentity, HostKind, HostRecord } from '../state/model.js'
import { hostResourceTypes } from '../state/model.js'
import { checkContainerEnv, siteConfigAppSettings, withoutSiteConfigAppSettings } from './app-settings.js'
import { authorizeLinked } from './auth.js'
import {
  isObject,
  type JsonObject,
  omitKeys,
  optionalLocation,
  propertiesOf,
  requiredLocation,
  tagsOf,
} from './body.js'
import type { ArmCall, ArmReply } from './call.js'
import { applyIdentity, parseIdentityBlock, renderIdentity } from './host-identity.js'
import { checkLocationUnchanged } from './location.js'
import { checkName, type NamedType } from './names.js'
import { checkHostReferences } from './references.js'
import { requireResourceGroup } from './resource-groups.js'
import { actionOf, canonicalId, requireTracked, type Target, type TrackedType } from './tracked.js'

const ASSIGN_ACTION = 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action'
/** Top-level fields the emulator models or computes (everything else is echoed back). */
const MODELLED_FIELDS = ['id', 'name', 'type', 'location', 'tags', 'properties', 'identity', 'systemData']

interface HostKindSpec {
  kind: HostKind
  /** Properties the emulator computes; a caller's values for them are ignored. */
  computed: string[]
  /** Top-level fields Azure always returns for this kind, unless the caller sent its own. */
  defaults(record: HostRecord): JsonObject
  /** Computed properties. */
  properties(record: HostRecord): JsonObject
}

/** A stable GUID derived from the host (a VM's `vmId` stays the same across reads and restarts). */
function stableGuid(record: HostRecord): string {
  const hex = createHash('sha256').update(`${record.id.toLowerCase()}\u0000${record.createdAt}`).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

const specs: Record<HostKind, HostKindSpec> = {
  site: {
    kind: 'site',
    computed: ['state', 'hostNames', 'defaultHostName', 'enabledHostNames', 'resourceGroup'],
    defaults: () => ({ kind: 'app' }),
    properties: (record) => {
      const hostName = `${record.name.toLowerCase()}.azurewebsites.net`
      return {
        name: record.name,
        state: 'Running',
        hostNames: [hostName],
        enabledHostNames: [hostName],
        defaultHostName: hostName,
        resourceGroup: record.resourceGroup,
        enabled: record.extraProperties.enabled ?? true,
        // Azure never returns app settings with the site (they are read with config/appsettings/list).
        ...(isObject(record.extraProperties.siteConfig)
          ? { siteConfig: { ...record.extraProperties.siteConfig, appSettings: null } }
          : {}),
      }
    },
  },
  containerApp: {
    kind: 'containerApp',
    computed: ['provisioningState', 'runningStatus'],
    defaults: () => ({}),
    properties: () => ({ provisioningState: 'Succeeded', runningStatus: 'Running' }),
  },
  virtualMachine: {
    kind: 'virtualMachine',
    computed: ['provisioningState', 'vmId'],
    defaults: () => ({}),
    properties: (record) => ({ provisioningState: 'Succeeded', vmId: stableGuid(record) }),
  },
}

function render(data: Readonly<EmulatorStateData>, record: HostRecord): unknown {
  const spec = specs[record.kind]
  const result: JsonObject = {
    ...spec.defaults(record),
    ...record.extraFields,
    id: record.id,
    name: record.name,
    type: hostResourceTypes[record.kind],
    location: record.location,
    tags: record.tags,
  }
  if (record.identity.type !== 'None') result.identity = renderIdentity(data, record.identity)
  result.properties = { ...record.extraProperties, ...spec.properties(record) }
  return result
}

/**
 * A host type (`Microsoft.Web/sites`, `Microsoft.App/containerApps`, `Microsoft.Compute/virtualMachines`) with its
 * `identity` block. PUT replaces the identity block when the body has one (and keeps it otherwise); PATCH merges
 * user-assigned identities (`null` detaches). Attaching an identity needs
 * `Microsoft.ManagedIdentity/userAssignedIdentities/assign/action` on it. New hosts get a random
 * `identityHeader` secret and a lower-case `imdsKey`, both kept on every update.
 */
function hostType(kind: HostKind): TrackedType<HostRecord> {
  const type = hostResourceTypes[kind] as NamedType
  const spec = specs[kind]
  const self: TrackedType<HostRecord> = {
    type,
    resourceGroupsSegment: 'resourceGroups',
    records: (data) => Object.values(data.hosts).filter((host) => host.kind === kind),
    find: (data, key) => {
      const host = data.hosts[key]
      return host?.kind === kind ? host : undefined
    },
    render,

    async put(call: ArmCall, target: Target): Promise<ArmReply> {
      checkName(type, target.name)
      const body = call.body()
      const location = requiredLocation(body)
      const tags = tagsOf(body) ?? {}
      const { extraProperties, appSettings } = hostProperties(kind, propertiesOf(body), spec)
      const extraFields = omitKeys(body, MODELLED_FIELDS)
      const block = parseIdentityBlock(body.identity, 'put')
      return call.ctx.state.update((draft) => {
        const group = requireResourceGroup(draft, target.resourceGroup)
        const existing = self.find(draft, target.key)
        if (existing) checkLocationUnchanged(existing, location)
        const id = existing?.id ?? canonicalId(self, draft.subscriptionId, group.name, target.name)
        checkHostReferences(draft, kind, id, extraProperties)
        const identity = resolveIdentity(call, draft, target, type, id, existing?.identity, block, 'put')
        if (existing) {
          Object.assign(existing, { tags, identity, extraProperties, extraFields })
          if (appSettings) existing.appSettings = appSettings
          return { status: 200, body: render(draft, existing) }
        }
        const record: HostRecord = {
          id,
          kind,
          name: target.name,
          resourceGroup: group.name,
          location,
          tags,
          identity,
          extraProperties,
          extraFields,
          ...(kind === 'site' ? { appSettings: appSettings ?? {} } : {}),
          identityHeader: randomBytes(24).toString('hex'),
          imdsKey: randomBytes(8).toString('hex'),
          createdAt: new Date().toISOString(),
        }
        draft.hosts[target.key] = record
        // App Service answers a new site with 200 (the Python SDK accepts only 200/202); the others with 201.
        return { status: kind === 'site' ? 200 : 201, body: render(draft, record) }
      })
    },

    async patch(call: ArmCall, target: Target): Promise<ArmReply> {
      const body = call.body()
      const location = optionalLocation(body)
      const tags = tagsOf(body)
      const { extraProperties: properties, appSettings } = hostProperties(kind, propertiesOf(body), spec)
      const extraFields = omitKeys(body, MODELLED_FIELDS)
      const block = parseIdentityBlock(body.identity, 'patch')
      return call.ctx.state.update((draft) => {
        const existing = requireTracked(draft, self, target)
        if (location !== undefined) checkLocationUnchanged(existing, location)
        checkHostReferences(draft, kind, existing.id, properties)
        if (appSettings) existing.appSettings = appSettings
        existing.identity = resolveIdentity(
          call,
          draft,
          target,
          type,
          existing.id,
          existing.identity,
          block,
          'patch',
        )
        if (tags !== undefined) existing.tags = tags
        existing.extraProperties = { ...existing.extraProperties, ...properties }
        existing.extraFields = { ...existing.extraFields, ...extraFields }
        return { status: 200, body: render(draft, existing) }
      })
    },
  }
  return self
}

/**
 * The properties of a host PUT/PATCH to store, and a site's app settings from `siteConfig.appSettings` (kept
 * apart: Azure never returns them with the site). A container app's `env` is checked (no `secretRef`).
 */
function hostProperties(
  kind: HostKind,
  properties: JsonObject,
  spec: HostKindSpec,
): { extraProperties: JsonObject; appSettings: Record<string, string> | undefined } {
  if (kind === 'containerApp') checkContainerEnv(properties)
  const appSettings = kind === 'site' ? siteConfigAppSettings(properties) : undefined
  const stored = kind === 'site' ? withoutSiteConfigAppSettings(properties) : properties
  return { extraProperties: omitKeys(stored, spec.computed), appSettings }
}

function resolveIdentity(
  call: ArmCall,
  draft: EmulatorStateData,
  target: Target,
  type: string,
  hostId: string,
  current: HostIdentity | undefined,
  block: ReturnType<typeof parseIdentityBlock>,
  mode: 'put' | 'patch',
): HostIdentity {
  if (!block) return current ?? { type: 'None', userAssignedIdentities: [] }
  const applied = applyIdentity(draft, hostId, current, block, mode)
  const primary = { action: actionOf(type, 'write'), scope: target.requestedId }
  authorizeLinked(call.ctx, call.caller, primary, ASSIGN_ACTION, applied.attached)
  return applied.identity
}

/** `Microsoft.Web/sites` (`@azure/arm-appservice` webApps). */
export const sites = hostType('site')
/** `Microsoft.App/containerApps` (`@azure/arm-appcontainers` containerApps). */
export const containerApps = hostType('containerApp')
/** `Microsoft.Compute/virtualMachines` (`@azure/arm-compute` virtualMachines). */
export const virtualMachines = hostType('virtualMachine')
