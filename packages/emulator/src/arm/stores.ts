import type { EmulatorStateData, StoreRecord } from '../state/model.js'
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
import { ArmError, invalidRequestContent } from './errors.js'
import { checkLocationUnchanged } from './location.js'
import { checkName } from './names.js'
import { requireResourceGroup } from './resource-groups.js'
import { canonicalId, requireTracked, type Target, type TrackedType } from './tracked.js'

const TYPE = 'Microsoft.AppConfiguration/configurationStores'
/** Properties the emulator computes. */
const COMPUTED = ['provisioningState', 'creationDate', 'endpoint', 'privateEndpointConnections']
/** Top-level fields the emulator models or computes (everything else, e.g. `identity`, is echoed back). */
const MODELLED_FIELDS = ['id', 'name', 'type', 'location', 'tags', 'properties', 'sku', 'systemData']
/** Used when a minimal body has no `sku` (Azure requires one; the SDK always sends it). */
const DEFAULT_SKU = 'free'

function skuOf(body: JsonObject): string | undefined {
  const sku = body.sku
  if (sku === undefined || sku === null) return undefined
  if (!isObject(sku) || typeof sku.name !== 'string' || sku.name === '') {
    throw invalidRequestContent('\'sku\' must be an object with a \'name\' such as "free" or "standard".')
  }
  return sku.name
}

/**
 * `Microsoft.AppConfiguration/configurationStores` (`@azure/arm-appconfiguration`). Creating a store starts its
 * data plane on its own loopback origin (`ctx.stores.start`) and returns it as `properties.endpoint`; deleting one
 * stops it and drops its key-values. Soft delete and purge are not modelled.
 */
export const stores: TrackedType<StoreRecord> = {
  type: TYPE,
  resourceGroupsSegment: 'resourceGroups',
  records: (data) => Object.values(data.stores),
  find: (data, key) => data.stores[key],
  render: (_data: Readonly<EmulatorStateData>, record: StoreRecord) => ({
    ...record.extraFields,
    id: record.id,
    name: record.name,
    type: TYPE,
    location: record.location,
    tags: record.tags,
    sku: { name: record.sku },
    properties: {
      disableLocalAuth: false,
      softDeleteRetentionInDays: 7,
      enablePurgeProtection: false,
      ...record.extraProperties,
      provisioningState: 'Succeeded',
      creationDate: record.createdAt,
      endpoint: record.endpoint,
      privateEndpointConnections: [],
    },
  }),

  async put(call: ArmCall, target: Target): Promise<ArmReply> {
    checkName(TYPE, target.name)
    const body = call.body()
    const location = requiredLocation(body)
    const tags = tagsOf(body) ?? {}
    const sku = skuOf(body) ?? DEFAULT_SKU
    const extraProperties = omitKeys(propertiesOf(body), COMPUTED)
    const extraFields = omitKeys(body, MODELLED_FIELDS)
    const { state } = call.ctx
    // Fail fast (before starting a listener) when the group is missing or the store would move.
    const group = requireResourceGroup(state.data, target.resourceGroup)
    const current = state.data.stores[target.key]
    if (current) checkLocationUnchanged(current, location)
    const id = current?.id ?? canonicalId(stores, state.data.subscriptionId, group.name, target.name)
    // Idempotent per store: concurrent creates of one store share its listener.
    const listener = current ? undefined : await call.ctx.stores.start({ id })
    try {
      return await state.update((draft) => {
        requireResourceGroup(draft, target.resourceGroup)
        const existing = draft.stores[target.key]
        if (existing) {
          checkLocationUnchanged(existing, location)
          Object.assign(existing, { tags, sku, extraProperties, extraFields })
          return { status: 200, body: stores.render(draft, existing) }
        }
        if (!listener) {
          throw new ArmError(
            409,
            'Conflict',
            `Store '${id}' was deleted while this request updated it; retry the request.`,
          )
        }
        const record: StoreRecord = {
          id,
          name: target.name,
          resourceGroup: group.name,
          location,
          tags,
          sku,
          endpoint: listener.endpoint,
          port: listener.port,
          extraProperties,
          extraFields,
          createdAt: new Date().toISOString(),
        }
        draft.stores[target.key] = record
        return { status: 201, body: stores.render(draft, record) }
      })
    } catch (error) {
      if (listener && !state.data.stores[target.key]) await call.ctx.stores.stop(id)
      throw error
    }
  },

  async patch(call: ArmCall, target: Target): Promise<ArmReply> {
    const body = call.body()
    const location = optionalLocation(body)
    const tags = tagsOf(body)
    const sku = skuOf(body)
    const properties = omitKeys(propertiesOf(body), COMPUTED)
    const extraFields = omitKeys(body, MODELLED_FIELDS)
    return call.ctx.state.update((draft) => {
      const existing = requireTracked(draft, stores, target)
      if (location !== undefined) checkLocationUnchanged(existing, location)
      if (tags !== undefined) existing.tags = tags
      if (sku !== undefined) existing.sku = sku
      existing.extraProperties = { ...existing.extraProperties, ...properties }
      existing.extraFields = { ...existing.extraFields, ...extraFields }
      return { status: 200, body: stores.render(draft, existing) }
    })
  },
}
