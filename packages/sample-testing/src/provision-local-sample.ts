import type { ArmClients, HostKind, ProvisionedSample, ProvisionSampleOptions } from '@uami/provision'
import { provisionSample } from '@uami/provision'

/** The setting every sample test and benchmark run reads through `/config/:key`. */
export const MESSAGE_KEY = 'Settings:Message'

/** The sentinel key the samples watch (their default `APP_CONFIG_SENTINEL_KEY`). */
export const SENTINEL_KEY = 'Settings:Sentinel'

/** Options of {@link provisionLocalSample}. */
export interface ProvisionLocalSampleOptions {
  /** The host the sample runs on. */
  readonly kind: HostKind
  /**
   * Keeps one sample's resources apart from another's: `rg-<suffix>`, `appcs-<suffix>`, `id-<suffix>` and the host
   * `host-<suffix>`. Keep it short: a container app name allows 32 characters (a VM's computer name is cut to 15).
   */
  readonly suffix: string
  /** The host's human name, for the seeded message `Hello from the <title> sample`. */
  readonly title: string
  /** Steps to leave out, for the failure scenarios: `{ attach: true }`, `{ roleAssignment: true }`. */
  readonly skip?: ProvisionSampleOptions['skip']
}

/**
 * Creates what a sample needs on the local emulator with `@uami/provision`'s `provisionSample` — resource group,
 * App Configuration store with {@link MESSAGE_KEY} = `Hello from the <title> sample` and the {@link SENTINEL_KEY}
 * (seeded as the developer), user-assigned identity, host with the identity attached, App Configuration Data
 * Reader for the identity — the same steps the tour runs. The host is created alone (`prerequisites: 'skip'`).
 *
 * @param clients - ARM clients signed in as the developer (`startLocalAzure`).
 * @param options - Host kind, name suffix, title and skipped steps.
 * @returns What was provisioned, with the sample's variables in `sampleEnvironment`.
 * @example
 * ```ts
 * const provisioned = await provisionLocalSample(local.clients, { kind: 'vm', suffix: 'vm-1', title: 'Azure Virtual Machine' })
 * ```
 */
export function provisionLocalSample(
  clients: ArmClients,
  options: ProvisionLocalSampleOptions,
): Promise<ProvisionedSample> {
  const { kind, suffix, title, skip } = options
  return provisionSample(clients, {
    kind,
    names: {
      resourceGroup: `rg-${suffix}`,
      store: `appcs-${suffix}`,
      identity: `id-${suffix}`,
      host: `host-${suffix}`,
    },
    location: 'westeurope',
    prerequisites: 'skip',
    settings: { [MESSAGE_KEY]: `Hello from the ${title} sample` },
    sentinelKey: SENTINEL_KEY,
    skip,
  })
}
