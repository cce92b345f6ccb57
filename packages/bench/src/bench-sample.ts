import type { ProvisionedSample } from '@uami/provision'
import { type LocalAzure, provisionLocalSample } from '@uami/sample-testing'
import { TELEMETRY_OFF } from './child-env.js'
import type { BenchSample } from './repo.js'

const SHORT_NAMES: Readonly<Record<BenchSample['def']['id'], string>> = {
  'app-service': 'as',
  'container-apps': 'ca',
  vm: 'vm',
}

/**
 * Creates what a sample needs with `provisionLocalSample` (`@uami/sample-testing`) — resource group, App
 * Configuration store (with `Settings:Message` and the sentinel), user-assigned identity, host with the identity
 * attached, App Configuration Data Reader — as the samples' end-to-end tests and the tour do.
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
  // Short: container app names allow 32 characters.
  return provisionLocalSample(local.clients, {
    kind: sample.def.id,
    suffix: `b-${purpose}-${SHORT_NAMES[sample.def.id]}`,
    title: sample.def.label,
  })
}

/**
 * The environment of a sample child: exactly what its host would give it (`emulator.hostEnv`), its deployment
 * variables (identifier, `APP_CONFIG_ENDPOINT`, and e.g. the VM unit's `AZURE_TOKEN_CREDENTIALS`, from the tour's
 * definition), a free port on 127.0.0.1, the refresh interval, and telemetry off. Nothing from this process (not
 * even `PATH`) — unlike the tests' `childEnvironment`.
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
