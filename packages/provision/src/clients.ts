import { AppConfigurationClient } from '@azure/app-configuration'
import { AppConfigurationManagementClient } from '@azure/arm-appconfiguration'
import { ContainerAppsAPIClient } from '@azure/arm-appcontainers'
import { WebSiteManagementClient } from '@azure/arm-appservice'
import { AuthorizationManagementClient } from '@azure/arm-authorization'
import { ComputeManagementClient } from '@azure/arm-compute'
import { ManagedServiceIdentityClient } from '@azure/arm-msi'
import { ResourceManagementClient } from '@azure/arm-resources'
import type { TokenCredential } from '@azure/core-auth'
import { InvalidOptionError } from './errors/invalid-option-error.js'

const USER_AGENT_PREFIX = 'uami-provision'

/** Options of {@link createArmClients}. */
export interface CreateArmClientsOptions {
  /** Who signs in: `DefaultAzureCredential`/`AzureCliCredential` in Azure, the emulator's developer `ClientSecretCredential` locally. */
  credential: TokenCredential
  /** The subscription every step works in (the emulator's `subscriptionId` locally). */
  subscriptionId: string
  /**
   * ARM endpoint. Leave unset for Azure (`https://management.azure.com`); pass the emulator's `armEndpoint`
   * locally. Every client gets the same value (PROTOCOLS.md: their token scopes differ; the emulator accepts both).
   */
  endpoint?: string | undefined
  /**
   * Polling interval for long-running operations, in milliseconds. Default: each SDK's own (about 2 s in Azure,
   * or `Retry-After`). Only ever used when ARM answers asynchronously.
   */
  pollIntervalMs?: number | undefined
}

/**
 * The seven typed ARM clients, created on first use, plus what every step needs to know (subscription,
 * credential, endpoint). Pass it as the first argument of every step.
 */
export interface ArmClients {
  readonly subscriptionId: string
  readonly credential: TokenCredential
  /** The ARM endpoint given to {@link createArmClients}, `undefined` for Azure's default. */
  readonly endpoint: string | undefined
  /** Polling interval for long-running operations (undefined: SDK default). */
  readonly pollIntervalMs: number | undefined
  /** `@azure/arm-resources`: resource groups and the generic by-ID calls used for networking. */
  readonly resources: ResourceManagementClient
  /** `@azure/arm-msi`: user-assigned identities. */
  readonly msi: ManagedServiceIdentityClient
  /** `@azure/arm-authorization`: role definitions and role assignments. */
  readonly authorization: AuthorizationManagementClient
  /** `@azure/arm-appconfiguration`: App Configuration stores (control plane). */
  readonly appConfiguration: AppConfigurationManagementClient
  /** `@azure/arm-appservice`: App Service plans and sites. */
  readonly appService: WebSiteManagementClient
  /** `@azure/arm-appcontainers`: Container Apps environments and apps. */
  readonly containerApps: ContainerAppsAPIClient
  /** `@azure/arm-compute`: virtual machines. */
  readonly compute: ComputeManagementClient
}

/**
 * Creates the ARM clients every provisioning step uses. The same code then runs against Azure (no `endpoint`) and
 * the local emulator (`endpoint: emulator.armEndpoint`). Each client is constructed on first use.
 *
 * @param options - Credential, subscription and, for the emulator, the ARM endpoint.
 * @returns The clients, with the subscription and credential for the steps.
 * @throws {@link InvalidOptionError} when `subscriptionId` is not a GUID or `endpoint` is not an https URL.
 * @example
 * ```ts
 * // Local emulator
 * const clients = createArmClients({ credential, subscriptionId: emulator.subscriptionId, endpoint: emulator.armEndpoint })
 * // Azure
 * const clients = createArmClients({ credential: new DefaultAzureCredential(), subscriptionId })
 * ```
 */
export function createArmClients(options: CreateArmClientsOptions): ArmClients {
  const { credential, subscriptionId, endpoint, pollIntervalMs } = options
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(subscriptionId)) {
    throw new InvalidOptionError({
      option: 'subscriptionId',
      problem: `expected a GUID, received "${subscriptionId}".`,
      fix: 'Pass the subscription ID: az account show --query id -o tsv',
    })
  }
  if (endpoint !== undefined && !endpoint.startsWith('https://')) {
    throw new InvalidOptionError({
      option: 'endpoint',
      problem: `expected an https:// URL, received "${endpoint}" (the SDKs refuse bearer tokens over http).`,
      fix: "Pass the emulator's armEndpoint (https://127.0.0.1:<port>) or leave endpoint unset for Azure.",
    })
  }
  const common = {
    userAgentOptions: { userAgentPrefix: USER_AGENT_PREFIX },
    ...(endpoint === undefined ? {} : { endpoint }),
  }
  const cache = new Map<string, unknown>()
  const lazy = <T>(key: string, create: () => T): T => {
    if (!cache.has(key)) cache.set(key, create())
    return cache.get(key) as T
  }
  return {
    subscriptionId,
    credential,
    endpoint,
    pollIntervalMs,
    get resources() {
      return lazy('resources', () => new ResourceManagementClient(credential, subscriptionId, common))
    },
    get msi() {
      return lazy('msi', () => new ManagedServiceIdentityClient(credential, subscriptionId, common))
    },
    get authorization() {
      return lazy(
        'authorization',
        () => new AuthorizationManagementClient(credential, subscriptionId, common),
      )
    },
    get appConfiguration() {
      return lazy(
        'appConfiguration',
        () => new AppConfigurationManagementClient(credential, subscriptionId, common),
      )
    },
    get appService() {
      return lazy('appService', () => new WebSiteManagementClient(credential, subscriptionId, common))
    },
    get containerApps() {
      return lazy('containerApps', () => new ContainerAppsAPIClient(credential, subscriptionId, common))
    },
    get compute() {
      return lazy('compute', () => new ComputeManagementClient(credential, subscriptionId, common))
    },
  }
}

/**
 * Creates an App Configuration data-plane client for a store endpoint (`https://<store>.azconfig.io` in Azure,
 * `https://127.0.0.1:<port>` for an emulated store), authenticated with Microsoft Entra ID — never access keys.
 *
 * @param storeEndpoint - The store's `endpoint` (from {@link ensureAppConfigurationStore}).
 * @param credential - Who reads or writes: needs App Configuration Data Reader/Owner on the store.
 * @returns An `AppConfigurationClient`.
 * @example
 * ```ts
 * const client = createDataPlaneClient(store.endpoint, credential)
 * const setting = await client.getConfigurationSetting({ key: 'message' })
 * ```
 */
export function createDataPlaneClient(
  storeEndpoint: string,
  credential: TokenCredential,
): AppConfigurationClient {
  return new AppConfigurationClient(storeEndpoint, credential, {
    userAgentOptions: { userAgentPrefix: USER_AGENT_PREFIX },
  })
}

/** Long-running-operation options for a `begin…AndWait` call: the configured polling interval, if any. */
export function lroOptions(clients: ArmClients): { updateIntervalInMs?: number } {
  return clients.pollIntervalMs === undefined ? {} : { updateIntervalInMs: clients.pollIntervalMs }
}
