import { IDENTITY_RESOURCE_ID_VARIABLE } from '@uami/credential/diagnostics'
import { sampleIdentifier } from '@uami/provision'
import { isTourError } from '../errors/tour-error.js'
import { hostProcessEnv } from '../samples/child-env.js'
import { freePort } from '../samples/free-port.js'
import { type RunningSample, startSample } from '../samples/sample-process.js'
import { requireHost, requireIdentity, requireStore, type SampleRun } from '../tour/run-context.js'
import { writeHostEnvFile } from '../tour/run-yourself.js'
import { sampleServer } from '../tour/samples.js'
import { azureStoreEndpoint } from './azure-values.js'

/** How often the samples check the sentinel while the tour runs them (seconds). */
export const REFRESH_SECONDS = '5'

/**
 * What the deployment sets for the sample: its identifier variable (the sample's own kind, unless a scenario
 * chose another), `APP_CONFIG_ENDPOINT`, `UAMI_IDENTITY_RESOURCE_ID` where the identifier is no resource ID (the
 * sample names it in the attach command of its "not attached" error), and for the VM `AZURE_TOKEN_CREDENTIALS`
 * (its systemd unit sets it).
 */
export function deploymentSettings(sample: SampleRun): Record<string, string> {
  const identifier = sample.identifier ?? sampleIdentifier(sample.def.id, requireIdentity(sample))
  sample.identifier = identifier
  const identity = requireIdentity(sample)
  return {
    [identifier.variable]: identifier.value,
    APP_CONFIG_ENDPOINT: requireStore(sample.tour).endpoint,
    // For the fix commands only: a host cannot look its identity's resource ID up without a token.
    ...(identifier.kind === 'resourceId' ? {} : { [IDENTITY_RESOURCE_ID_VARIABLE]: identity.id }),
    ...sample.def.deploymentEnv,
  }
}

/** {@link deploymentSettings} with Azure's values: what the `az` command for the host sets. */
export function azureDeploymentSettings(sample: SampleRun): Record<string, string> {
  return { ...deploymentSettings(sample), APP_CONFIG_ENDPOINT: azureStoreEndpoint(sample.tour) }
}

/**
 * The sample's full environment on the emulated host: the host's own variables (identity endpoint, CA) + the
 * deployment's + `PATH`; nothing from the developer's shell.
 */
export function hostEnvironment(sample: SampleRun): Record<string, string> {
  const emulator = sample.tour.target.emulator
  if (!emulator) throw new Error('Internal error: a sample runs locally only on the emulator.')
  return hostProcessEnv(emulator.hostEnv(requireHost(sample).id), {
    ...deploymentSettings(sample),
    APP_CONFIG_REFRESH_SECONDS: REFRESH_SECONDS,
  })
}

/** (Re)starts the sample process with its host environment; stops a previous one first. */
export async function restartSample(sample: SampleRun): Promise<RunningSample> {
  const previous = sample.process ?? sample.tour.running.get(sample.def.id)
  if (previous) await previous.stop()
  const start = async () =>
    startSample({
      name: sample.def.id,
      server: sampleServer(sample.def),
      env: hostEnvironment(sample),
      port: await freePort(),
      children: sample.tour.children,
      signal: sample.tour.signal,
    })
  // A free port can be taken between choosing it and the sample binding it (samples start side by side): retry once.
  sample.process = await start().catch((error: unknown) => {
    if (isTourError(error, 'UAMI_TOUR_SAMPLE_EXITED') && /EADDRINUSE/.test(error.message)) return start()
    throw error
  })
  sample.tour.running.set(sample.def.id, sample.process)
  // For `uami doctor` run by hand with the same environment (the doctor step shows the command).
  await writeHostEnvFile(sample, hostEnvironment(sample))
  return sample.process
}
