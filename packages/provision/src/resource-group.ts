import type { ArmClients } from './clients.js'
import { lroOptions } from './clients.js'
import { armCall, statusOf, toArmError } from './errors/arm-error-mapping.js'
import { InvalidOptionError } from './errors/invalid-option-error.js'

/** What {@link ensureResourceGroup} returns. */
export interface ResourceGroupFacts {
  id: string
  name: string
  location: string
  /** `true` when this call created it, `false` when it existed. */
  created: boolean
}

/** Options of {@link ensureResourceGroup}. */
export interface EnsureResourceGroupOptions {
  /** Resource group name (1–90 characters: letters, digits, `._-()`, not ending in `.`). */
  name: string
  /** Azure region, e.g. `swedencentral`. Used only when the group is created. */
  location: string
  tags?: Record<string, string> | undefined
}

/**
 * Creates the resource group, or reuses it when it exists (its location is kept, whatever `location` says).
 *
 * @param clients - From {@link createArmClients}.
 * @param options - Name, location, tags.
 * @returns The group's ID, name, location and whether it was created.
 * @throws {@link InvalidOptionError} for a name ARM would reject; {@link ArmForbiddenError} without Contributor on
 *   the subscription.
 * @example
 * ```ts
 * const group = await ensureResourceGroup(clients, { name: 'rg-uami', location: 'swedencentral' })
 * ```
 */
export async function ensureResourceGroup(
  clients: ArmClients,
  options: EnsureResourceGroupOptions,
): Promise<ResourceGroupFacts> {
  validateResourceGroupName(options.name)
  const context = {
    operation: `create resource group "${options.name}"`,
    subscriptionId: clients.subscriptionId,
    scope: `/subscriptions/${clients.subscriptionId}`,
  }
  const existing = await getResourceGroupOptional(clients, options.name)
  if (existing) return { ...existing, created: false }
  const group = await armCall(context, () =>
    clients.resources.resourceGroups.createOrUpdate(options.name, {
      location: options.location,
      ...(options.tags ? { tags: options.tags } : {}),
    }),
  )
  return {
    id: group.id ?? `/subscriptions/${clients.subscriptionId}/resourceGroups/${options.name}`,
    name: group.name ?? options.name,
    location: group.location,
    created: true,
  }
}

/**
 * Reads a resource group, or `undefined` when it does not exist.
 *
 * @example
 * ```ts
 * const group = await getResourceGroupOptional(clients, 'rg-uami')
 * ```
 */
export async function getResourceGroupOptional(
  clients: ArmClients,
  name: string,
): Promise<Omit<ResourceGroupFacts, 'created'> | undefined> {
  let group: Awaited<ReturnType<typeof clients.resources.resourceGroups.get>>
  try {
    group = await clients.resources.resourceGroups.get(name)
  } catch (error) {
    if (statusOf(error) === 404) return undefined
    throw toArmError(error, {
      operation: `read resource group "${name}"`,
      subscriptionId: clients.subscriptionId,
    })
  }
  return {
    id: group.id ?? `/subscriptions/${clients.subscriptionId}/resourceGroups/${name}`,
    name: group.name ?? name,
    location: group.location,
  }
}

/**
 * The location a new resource gets: `location` when given, else its resource group's.
 *
 * @throws {@link ResourceGroupNotFoundError} when the group does not exist.
 */
export async function resolveLocation(
  clients: ArmClients,
  resourceGroup: string,
  location: string | undefined,
): Promise<string> {
  if (location) return location
  const group = await armCall(
    {
      operation: `read the location of resource group "${resourceGroup}"`,
      subscriptionId: clients.subscriptionId,
      resourceGroup,
    },
    () => clients.resources.resourceGroups.get(resourceGroup),
  )
  return group.location
}

/** Options of {@link deleteResourceGroup}. */
export interface DeleteResourceGroupOptions {
  /**
   * Also purge App Configuration stores of the group that Azure keeps soft-deleted (standard SKU keeps them for
   * the retention period, which blocks re-creating a store with the same name). Default `false`. Needs the
   * `Microsoft.AppConfiguration/locations/deletedConfigurationStores/purge/action` permission (Contributor has it).
   */
  purgeDeletedStores?: boolean | undefined
}

/** What {@link deleteResourceGroup} returns. */
export interface DeleteResourceGroupResult {
  /** `false` when the group did not exist. */
  deleted: boolean
  /** Names of stores purged after deletion (with `purgeDeletedStores`). */
  purgedStores: string[]
}

/**
 * Deletes the resource group and everything in it (cleanup). Idempotent: a missing group is not an error. Role
 * assignments scoped to resources in the group go with them.
 *
 * @example
 * ```ts
 * await deleteResourceGroup(clients, 'rg-uami')
 * ```
 */
export async function deleteResourceGroup(
  clients: ArmClients,
  name: string,
  options: DeleteResourceGroupOptions = {},
): Promise<DeleteResourceGroupResult> {
  const context = {
    operation: `delete resource group "${name}"`,
    subscriptionId: clients.subscriptionId,
    resourceGroup: name,
  }
  if (!(await getResourceGroupOptional(clients, name))) return { deleted: false, purgedStores: [] }
  const stores: { name: string; location: string; sku: string }[] = []
  if (options.purgeDeletedStores) {
    await armCall(context, async () => {
      for await (const store of clients.appConfiguration.configurationStores.listByResourceGroup(name)) {
        if (store.name) stores.push({ name: store.name, location: store.location, sku: store.sku.name })
      }
    })
  }
  await armCall(context, () => clients.resources.resourceGroups.beginDeleteAndWait(name, lroOptions(clients)))
  const purgedStores: string[] = []
  for (const store of stores) {
    if (store.sku.toLowerCase() === 'free') continue // free stores are not soft-deleted
    try {
      await clients.appConfiguration.configurationStores.beginPurgeDeletedAndWait(
        store.location,
        store.name,
        lroOptions(clients),
      )
      purgedStores.push(store.name)
    } catch (error) {
      if (statusOf(error) !== 404) {
        throw toArmError(error, {
          ...context,
          operation: `purge deleted App Configuration store "${store.name}"`,
        })
      }
    }
  }
  return { deleted: true, purgedStores }
}

const RESOURCE_GROUP_NAME = /^[-\w._()]{1,90}$/u

function validateResourceGroupName(name: string): void {
  if (!RESOURCE_GROUP_NAME.test(name) || name.endsWith('.')) {
    throw new InvalidOptionError({
      option: 'name',
      problem: `"${name}" is not a valid resource group name (1–90 letters, digits, "._-()", not ending in ".").`,
      fix: 'Choose a name such as rg-uami.',
    })
  }
}
