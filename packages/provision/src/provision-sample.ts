import type { AppConfigurationSku, AppConfigurationStoreFacts } from './app-configuration-store.js'
import { ensureAppConfigurationStore } from './app-configuration-store.js'
import type { ArmClients } from './clients.js'
import type { AppServiceHostOptions } from './hosts/app-service.js'
import type { ContainerAppsHostOptions } from './hosts/container-apps.js'
import { attachIdentity, type EnsureHostOptions, ensureHost, type HostFacts } from './hosts/host.js'
import type { HostKind } from './hosts/host-ref.js'
import type { VmHostOptions } from './hosts/vm.js'
import { ensureUserAssignedIdentity, type UserAssignedIdentityFacts } from './identity.js'
import { getSignedInPrincipal, type PrincipalType } from './principal.js'
import { ensureResourceGroup, type ResourceGroupFacts } from './resource-group.js'
import type { RetryOptions } from './retry.js'
import { ensureRoleAssignment, type RoleAssignmentFacts } from './role-assignments.js'
import { type IdentifierKind, type SampleIdentifier, sampleIdentifier } from './sample-identifier.js'
import { type SeedSettingsResult, type SettingsInput, seedSettings } from './settings.js'

/** Names of everything one sample needs. The store may be shared by several samples. */
export interface SampleNames {
  resourceGroup: string
  /** App Configuration store: globally unique in Azure. */
  store: string
  identity: string
  /** Site / container app / VM name. */
  host: string
}

/** The steps of {@link provisionSample}, in order. */
export type ProvisionStep =
  | 'resource-group'
  | 'store'
  | 'seed-access'
  | 'identity'
  | 'host'
  | 'attach'
  | 'role-assignment'
  | 'settings'

/** Told when a step of {@link provisionSample} starts and ends (for progress output). */
export interface ProvisionStepEvent {
  step: ProvisionStep
  status: 'start' | 'done' | 'skipped'
  /** For `done`: the ID the step produced or reused, and whether it was created. */
  detail?: string
}

/** Host options {@link provisionSample} passes through (everything but kind, names and location). */
export type SampleHostOptions =
  | Omit<AppServiceHostOptions, 'kind' | 'resourceGroup' | 'name' | 'location' | 'prerequisites'>
  | Omit<ContainerAppsHostOptions, 'kind' | 'resourceGroup' | 'name' | 'location' | 'prerequisites'>
  | Omit<VmHostOptions, 'kind' | 'resourceGroup' | 'name' | 'location' | 'prerequisites'>

/** Options of {@link provisionSample}. */
export interface ProvisionSampleOptions {
  kind: HostKind
  names: SampleNames
  /** Region for everything created (an existing resource group keeps its own). */
  location: string
  /**
   * `create`: the plan / environment / network too (Azure, and the emulator, which stores them); `skip`: the host
   * alone (the local tour's mode), or on the plan / environment / NIC named in `host`.
   */
  prerequisites: 'create' | 'skip'
  /** Settings to seed (no label). Default none: only the sentinel is written. */
  settings?: SettingsInput | undefined
  /** Sentinel key the sample watches. Default `Settings:Sentinel`, what the samples watch. */
  sentinelKey?: string | undefined
  storeSku?: AppConfigurationSku | undefined
  /**
   * Who seeds the settings and gets App Configuration Data Owner on the store: the credential's own principal
   * (default, read from its token) or an explicit one.
   */
  seedAs?: 'signed-in' | { principalId: string; principalType: PrincipalType } | undefined
  /** Kind-specific host options: `sshPublicKey` for a VM in Azure, `container` image, `startupCommand`, … */
  host?: SampleHostOptions | undefined
  /** Identifier kind written to {@link ProvisionedSample.sampleEnvironment}. Default: the sample's own. */
  identifierKind?: IdentifierKind | undefined
  /**
   * Leave a step out on purpose (the tour's "what goes wrong" mode): `attach` leaves the identity off the host;
   * `roleAssignment` leaves the identity without App Configuration Data Reader.
   */
  skip?: { attach?: boolean | undefined; roleAssignment?: boolean | undefined } | undefined
  /** Retry windows: `principal` for a new identity's replication, `forbidden` for Data Owner propagation. */
  retry?: { principal?: RetryOptions | undefined; forbidden?: RetryOptions | undefined } | undefined
  onStep?: ((event: ProvisionStepEvent) => void) | undefined
  tags?: Record<string, string> | undefined
}

/** Everything a sample (or its test) needs after {@link provisionSample}. */
export interface ProvisionedSample {
  kind: HostKind
  resourceGroup: ResourceGroupFacts
  store: AppConfigurationStoreFacts & { created: boolean }
  identity: UserAssignedIdentityFacts & { created: boolean }
  host: HostFacts
  /** Whether the identity is attached to the host (false only with `skip.attach`). */
  attached: boolean
  /** App Configuration Data Reader for the identity on the store (undefined with `skip.roleAssignment`). */
  roleAssignment: (RoleAssignmentFacts & { created: boolean }) | undefined
  /** App Configuration Data Owner for the seeding principal on the store. */
  seedAccess: RoleAssignmentFacts & { created: boolean }
  settings: SeedSettingsResult
  /** The identifier the sample passes to `ManagedIdentityCredential`. */
  identifier: SampleIdentifier
  /**
   * The sample's own variables: its identifier variable and `APP_CONFIG_ENDPOINT`. Sites and container apps are
   * created with them as app settings, so against the emulator `emulator.hostEnv(host.id)` already includes them
   * (as Azure injects them); a VM has no app settings in ARM: add these to its environment yourself.
   */
  sampleEnvironment: Record<string, string>
}

/**
 * Sets up everything one sample needs, idempotently, in the tutorial's order: resource group → App Configuration
 * store → Data Owner for the seeding principal → user-assigned identity → host (created with the sample's
 * variables as app settings) → attach the identity → App Configuration Data Reader for the identity on the store →
 * seed settings and the sentinel. Each step reuses what exists, so a re-run changes nothing. Used by the samples'
 * end-to-end tests and the tour's non-interactive mode.
 *
 * @param clients - From {@link createArmClients}.
 * @param options - Kind, names, location, prerequisites and settings.
 * @returns IDs and facts of everything created, plus the sample's environment variables.
 * @throws Any {@link ProvisionError} of the steps.
 * @example
 * ```ts
 * const sample = await provisionSample(clients, {
 *   kind: 'container-apps',
 *   names: { resourceGroup: 'rg-uami', store: 'appcs-uami', identity: 'id-uami-ca', host: 'ca-uami' },
 *   location: 'swedencentral',
 *   prerequisites: 'skip',
 *   settings: { message: 'Hello from App Configuration' },
 * })
 * const env = { ...emulator.hostEnv(sample.host.id), ...sample.sampleEnvironment }
 * ```
 */
export async function provisionSample(
  clients: ArmClients,
  options: ProvisionSampleOptions,
): Promise<ProvisionedSample> {
  const { names } = options
  const tags = options.tags
  const step = async <T>(
    name: ProvisionStep,
    run: () => Promise<T>,
    detail: (value: T) => string,
  ): Promise<T> => {
    options.onStep?.({ step: name, status: 'start' })
    const value = await run()
    options.onStep?.({ step: name, status: 'done', detail: detail(value) })
    return value
  }
  const describe = (facts: { id: string; created: boolean }) =>
    `${facts.id} (${facts.created ? 'created' : 'reused'})`

  const resourceGroup = await step(
    'resource-group',
    () => ensureResourceGroup(clients, { name: names.resourceGroup, location: options.location, tags }),
    describe,
  )
  const store = await step(
    'store',
    () =>
      ensureAppConfigurationStore(clients, {
        resourceGroup: names.resourceGroup,
        name: names.store,
        location: options.location,
        sku: options.storeSku,
        tags,
      }),
    describe,
  )
  const seedAccess = await step(
    'seed-access',
    async () => {
      const seeder =
        options.seedAs === undefined || options.seedAs === 'signed-in'
          ? await getSignedInPrincipal(clients.credential).then((me) => ({
              principalId: me.objectId,
              principalType: me.principalType,
            }))
          : options.seedAs
      return ensureRoleAssignment(clients, {
        scope: store.id,
        ...seeder,
        role: 'App Configuration Data Owner',
        principalRetry: options.retry?.principal,
      })
    },
    describe,
  )
  const identity = await step(
    'identity',
    () =>
      ensureUserAssignedIdentity(clients, {
        resourceGroup: names.resourceGroup,
        name: names.identity,
        location: options.location,
        tags,
      }),
    describe,
  )
  const identifier = sampleIdentifier(options.kind, identity, options.identifierKind)
  const sampleEnvironment = {
    [identifier.variable]: identifier.value,
    APP_CONFIG_ENDPOINT: store.endpoint,
    // Named in the sample's "not attached" fix: a host cannot look its identity's resource ID up without a token.
    ...(identifier.kind === 'resourceId' ? {} : { UAMI_IDENTITY_RESOURCE_ID: identity.id }),
  }
  const hostOptions = {
    ...options.host,
    kind: options.kind,
    resourceGroup: names.resourceGroup,
    name: names.host,
    location: options.location,
    prerequisites: options.prerequisites,
    ...(options.kind === 'vm'
      ? {}
      : { appSettings: { ...sampleEnvironment, ...appSettingsOf(options.host) } }),
    ...(tags ? { tags } : {}),
  } as EnsureHostOptions
  const host = await step('host', () => ensureHost(clients, hostOptions), describe)

  let attached = false
  if (options.skip?.attach) options.onStep?.({ step: 'attach', status: 'skipped' })
  else {
    await step(
      'attach',
      () => attachIdentity(clients, host, identity.id),
      (result) => `${identity.id} → ${host.id} (${result.changed ? 'attached' : 'already attached'})`,
    )
    attached = true
  }

  let roleAssignment: (RoleAssignmentFacts & { created: boolean }) | undefined
  if (options.skip?.roleAssignment) options.onStep?.({ step: 'role-assignment', status: 'skipped' })
  else {
    roleAssignment = await step(
      'role-assignment',
      () =>
        ensureRoleAssignment(clients, {
          scope: store.id,
          principalId: identity.principalId,
          principalType: 'ServicePrincipal',
          role: 'App Configuration Data Reader',
          principalRetry: options.retry?.principal,
        }),
      describe,
    )
  }

  const settings = await step(
    'settings',
    () =>
      seedSettings({ endpoint: store.endpoint, credential: clients.credential }, options.settings ?? {}, {
        sentinelKey: options.sentinelKey,
        forbiddenRetry: options.retry?.forbidden,
      }),
    (result) =>
      `${result.changed.length} changed, ${result.unchanged.length} unchanged, sentinel ${result.sentinel.value}`,
  )

  return {
    kind: options.kind,
    resourceGroup,
    store,
    identity,
    host,
    attached,
    roleAssignment,
    seedAccess,
    settings,
    identifier,
    sampleEnvironment,
  }
}

function appSettingsOf(host: SampleHostOptions | undefined): Record<string, string> {
  return host && 'appSettings' in host && host.appSettings ? { ...host.appSettings } : {}
}
