import type { VerifyResult } from '../engine/step.js'
import { requireHost, type SampleRun } from '../tour/run-context.js'
import { deploymentSettings } from './sample-env.js'

/**
 * Azure mode's configure verify: reads the host's settings back through ARM (App Service app settings, the
 * container app's environment). A VM keeps them on the machine, where ARM cannot see them.
 */
export async function readBackSettings(sample: SampleRun): Promise<VerifyResult> {
  const { clients } = sample.tour.target
  const host = requireHost(sample)
  const wanted = deploymentSettings(sample)
  let actual: Record<string, string | undefined>
  if (host.kind === 'app-service') {
    const settings = await clients.appService.webApps.listApplicationSettings(host.resourceGroup, host.name)
    actual = settings.properties ?? {}
  } else if (host.kind === 'container-apps') {
    const app = await clients.containerApps.containerApps.get(host.resourceGroup, host.name)
    actual = Object.fromEntries(
      (app.template?.containers?.[0]?.env ?? []).map((entry) => [entry.name ?? '', entry.value]),
    )
  } else {
    return {
      ok: true,
      summary:
        'a VM has no app settings in ARM: the command above writes them into the systemd unit on the machine',
    }
  }
  const missing = Object.entries(wanted).filter(
    ([key, value]) => key !== 'AZURE_TOKEN_CREDENTIALS' && actual[key] !== value,
  )
  return {
    ok: missing.length === 0,
    summary:
      missing.length === 0
        ? 'ARM returns the settings on the host'
        : `missing on the host: ${missing.map(([key]) => key).join(', ')}`,
  }
}
