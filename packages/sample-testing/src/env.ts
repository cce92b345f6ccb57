import type { RunningEmulator } from '@uami/emulator'
import type { ProvisionedSample } from '@uami/provision'

/**
 * The environment a sample child process gets: exactly what its host would give it (`emulator.hostEnv`), the
 * sample's own variables (identifier, `APP_CONFIG_ENDPOINT`), a free port on 127.0.0.1, a 1 s refresh, and for the
 * VM `AZURE_TOKEN_CREDENTIALS=ManagedIdentityCredential` (its systemd unit sets it in Azure). From this process
 * only `PATH` is passed on.
 *
 * @param emulator - The running emulator.
 * @param provisioned - What `provisionSample` created.
 * @param extra - Variables to add or override.
 * @returns The child's whole environment.
 */
export function childEnvironment(
  emulator: RunningEmulator,
  provisioned: ProvisionedSample,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    ...emulator.hostEnv(provisioned.host.id),
    ...provisioned.sampleEnvironment,
    PORT: '0',
    HOST: '127.0.0.1',
    APP_CONFIG_REFRESH_SECONDS: '1',
    ...(provisioned.kind === 'vm' ? { AZURE_TOKEN_CREDENTIALS: 'ManagedIdentityCredential' } : {}),
    ...extra,
  }
}

/**
 * The environment for a sample that must stop before doing anything: no host variables at all.
 *
 * @param variables - The sample's variables.
 * @returns `PATH` plus `variables`.
 */
export function bareEnvironment(variables: Readonly<Record<string, string>>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', ...variables }
}
