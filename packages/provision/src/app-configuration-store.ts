import type { ConfigurationStore } from '@azure/arm-appconfiguration'
import type { ArmClients } from './clients.js'
import { lroOptions } from './clients.js'
import { armCall, armGetOptional } from './errors/arm-error-mapping.js'
import { InvalidOptionError } from './errors/invalid-option-error.js'
import { resolveLocation } from './resource-group.js'
import { providerResourceId } from './resource-ids.js'

/** ARM type of an App Configuration store. */
export const APP_CONFIGURATION_STORE_TYPE = 'Microsoft.AppConfiguration/configurationStores'

/** App Configuration pricing tiers this package creates. */
export type AppConfigurationSku = 'developer' | 'free' | 'standard'

/** What {@link ensureAppConfigurationStore} returns: what later steps need. */
export interface AppConfigurationStoreFacts {
  /** Resource ID: the scope of the App Configuration Data Reader assignment. */
  id: string
  name: string
  resourceGroup: string
  location: string
  /** Data-plane endpoint: `APP_CONFIG_ENDPOINT` of the samples (`https://<name>.azconfig.io` in Azure). */
  endpoint: string
  /** SKU name as ARM reports it. */
  sku: string
}

/** Options of {@link ensureAppConfigurationStore}. */
export interface EnsureAppConfigurationStoreOptions {
  resourceGroup: string
  /** Globally unique in Azure (it is the endpoint's host name): 5–50 letters, digits and `-`, not starting or ending with `-`. */
  name: string
  /** Default: the resource group's location. */
  location?: string | undefined
  /**
   * Pricing tier, used only when the store is created. Default `free` (one free store per subscription; choose
   * `developer` or `standard` when you already have one).
   */
  sku?: AppConfigurationSku | undefined
  /**
   * Disable access keys so only Microsoft Entra ID (the identities and roles of the tutorial) can reach the data.
   * Default `true`. Used only when the store is created.
   */
  disableLocalAuth?: boolean | undefined
  tags?: Record<string, string> | undefined
}

/**
 * Creates the App Configuration store, or reuses it when it exists (an existing store keeps its SKU and
 * settings). The `az` equivalent is `az appconfig create`.
 *
 * @param clients - From {@link createArmClients}.
 * @param options - Resource group, globally unique name, SKU.
 * @returns The store's resource ID (the role assignment scope) and data-plane endpoint.
 * @throws {@link InvalidOptionError} for a name App Configuration rejects; {@link ResourceGroupNotFoundError};
 *   {@link ArmForbiddenError} without Contributor on the group; {@link ArmRequestError} when the name is taken.
 * @example
 * ```ts
 * const store = await ensureAppConfigurationStore(clients, { resourceGroup: 'rg-uami', name: 'appcs-uami-7f3a' })
 * console.log(store.endpoint) // https://appcs-uami-7f3a.azconfig.io
 * ```
 */
export async function ensureAppConfigurationStore(
  clients: ArmClients,
  options: EnsureAppConfigurationStoreOptions,
): Promise<AppConfigurationStoreFacts & { created: boolean }> {
  validateStoreName(options.name)
  const existing = await getAppConfigurationStoreOptional(clients, options.resourceGroup, options.name)
  if (existing) return { ...existing, created: false }
  const location = await resolveLocation(clients, options.resourceGroup, options.location)
  const store = await armCall(
    {
      operation: `create App Configuration store "${options.name}"`,
      subscriptionId: clients.subscriptionId,
      resourceGroup: options.resourceGroup,
    },
    () =>
      clients.appConfiguration.configurationStores.beginCreateAndWait(
        options.resourceGroup,
        options.name,
        {
          location,
          sku: { name: options.sku ?? 'free' },
          disableLocalAuth: options.disableLocalAuth ?? true,
          ...(options.tags ? { tags: options.tags } : {}),
        },
        lroOptions(clients),
      ),
  )
  return { ...toFacts(clients, options.resourceGroup, options.name, store), created: true }
}

/**
 * Reads an App Configuration store, or `undefined` when it does not exist.
 *
 * @throws {@link ResourceGroupNotFoundError} when the group does not exist.
 * @example
 * ```ts
 * const store = await getAppConfigurationStoreOptional(clients, 'rg-uami', 'appcs-uami-7f3a')
 * ```
 */
export async function getAppConfigurationStoreOptional(
  clients: ArmClients,
  resourceGroup: string,
  name: string,
): Promise<AppConfigurationStoreFacts | undefined> {
  const store = await armGetOptional(
    {
      operation: `read App Configuration store "${name}"`,
      subscriptionId: clients.subscriptionId,
      resourceGroup,
      resourceId: providerResourceId(
        clients.subscriptionId,
        resourceGroup,
        APP_CONFIGURATION_STORE_TYPE,
        name,
      ),
    },
    () => clients.appConfiguration.configurationStores.get(resourceGroup, name),
  )
  return store ? toFacts(clients, resourceGroup, name, store) : undefined
}

function toFacts(
  clients: ArmClients,
  resourceGroup: string,
  name: string,
  store: ConfigurationStore,
): AppConfigurationStoreFacts {
  return {
    id:
      store.id ??
      providerResourceId(clients.subscriptionId, resourceGroup, APP_CONFIGURATION_STORE_TYPE, name),
    name: store.name ?? name,
    resourceGroup,
    location: store.location,
    endpoint: store.endpoint ?? `https://${name}.azconfig.io`,
    sku: store.sku.name,
  }
}

const STORE_NAME = /^[a-zA-Z0-9-]{5,50}$/

function validateStoreName(name: string): void {
  if (!STORE_NAME.test(name) || name.startsWith('-') || name.endsWith('-')) {
    throw new InvalidOptionError({
      option: 'name',
      problem: `"${name}" is not a valid App Configuration store name (5–50 letters, digits and "-", not starting or ending with "-").`,
      fix: 'Choose a globally unique name such as appcs-uami-<random suffix>.',
    })
  }
}
