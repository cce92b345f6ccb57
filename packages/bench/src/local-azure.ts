import { ClientSecretCredential } from '@azure/identity'
import { type RunningEmulator, type StartEmulatorOptions, startEmulator, trustLocalCa } from '@uami/emulator'
import { type ArmClients, createArmClients, type ProvisionedSample, provisionSample } from '@uami/provision'
import { TELEMETRY_OFF } from './child-env.js'
import type { BenchSample } from './repo.js'

/** The setting every benchmark run reads through `/config/:key`. */
export const MESSAGE_KEY = 'Settings:Message'
/** The sentinel key the samples watch (their default). */
export const SENTINEL_KEY = 'Settings:Sentinel'

const SHORT_NAMES: Readonly<Record<BenchSample['def']['id'], string>> = {
  'app-service': 'as',
  'container-apps': 'ca',
  vm: 'vm',
}

/** A running emulator, trusted by this process, with ARM clients signed in as its developer principal. */
export interface LocalAzure {
  readonly emulator: RunningEmulator
  readonly clients: ArmClients
}

/**
 * Starts the emulator (a temporary state directory unless `options.stateDir`), makes this process trust its local
 * CA for the provisioning calls, and signs in as the developer.
 *
 * @param options - `startEmulator` options.
 * @returns The emulator and ARM clients. Stop with `emulator.stop()`.
 */
export async function startLocalAzure(options: StartEmulatorOptions = {}): Promise<LocalAzure> {
  const emulator = await startEmulator(options)
  trustLocalCa(emulator.caCertPath)
  const credential = new ClientSecretCredential(
    emulator.tenantId,
    emulator.developer.clientId,
    emulator.developer.clientSecret,
    { authorityHost: emulator.authorityHost, disableInstanceDiscovery: true },
  )
  const clients = createArmClients({
    credential,
    subscriptionId: emulator.subscriptionId,
    endpoint: emulator.armEndpoint,
  })
  return { emulator, clients }
}

/**
 * Creates what a sample needs with `@uami/provision` — resource group, App Configuration store (with
 * `Settings:Message` and the sentinel), user-assigned identity, host with the identity attached, App
 * Configuration Data Reader — as the samples' end-to-end tests and the tour do.
 *
 * @param local - The running emulator and clients.
 * @param sample - The sample.
 * @param purpose - A short word that keeps the names of one measurement apart from another's, e.g. `startup`.
 * @returns What was provisioned.
 */
export function provisionBenchSample(
  local: LocalAzure,
  sample: BenchSample,
  purpose: string,
): Promise<ProvisionedSample> {
  // Short: container app names allow 32 characters, VM computer names 15.
  const suffix = `b-${purpose}-${SHORT_NAMES[sample.def.id]}`
  return provisionSample(local.clients, {
    kind: sample.def.id,
    names: {
      resourceGroup: `rg-${suffix}`,
      store: `appcs-${suffix}`,
      identity: `id-${suffix}`,
      host: suffix,
    },
    location: 'westeurope',
    prerequisites: 'skip',
    settings: { [MESSAGE_KEY]: `Hello from the ${sample.def.label} sample` },
    sentinelKey: SENTINEL_KEY,
  })
}

/**
 * The environment of a sample child: exactly what its host would give it (`emulator.hostEnv`), its deployment
 * variables (identifier, `APP_CONFIG_ENDPOINT`, and e.g. the VM unit's `AZURE_TOKEN_CREDENTIALS`), a free port on
 * 127.0.0.1, the refresh interval, and telemetry off. Nothing from this process (not even `PATH`).
 *
 * @param local - The running emulator.
 * @param sample - The sample.
 * @param provisioned - What {@link provisionBenchSample} created.
 * @param refreshSeconds - `APP_CONFIG_REFRESH_SECONDS`.
 * @returns The child's whole environment.
 */
export function sampleEnvironment(
  local: LocalAzure,
  sample: BenchSample,
  provisioned: ProvisionedSample,
  refreshSeconds: number,
): Record<string, string> {
  return {
    ...local.emulator.hostEnv(provisioned.host.id),
    ...provisioned.sampleEnvironment,
    ...sample.def.deploymentEnv,
    PORT: '0',
    HOST: '127.0.0.1',
    APP_CONFIG_REFRESH_SECONDS: String(refreshSeconds),
    ...TELEMETRY_OFF,
  }
}
