import { azCommands, VM_ENVIRONMENT_FILE } from '@uami/provision'
import type { SampleRun } from '../tour/run-context.js'
import { hostNames } from './identity-steps.js'

/** The VM sample's environment file, read by its systemd unit (`EnvironmentFile=`; it overrides `Environment=`). */
export const VM_ENV_FILE = VM_ENVIRONMENT_FILE

/**
 * The `az` command that gives the sample its variables on its host: App Service app settings, the container app's
 * environment, or for the VM an `az vm run-command invoke` that rewrites `/etc/uami-sample.env` — the file the VM
 * sample's systemd unit reads — and restarts the unit (all from `azCommands.appSettings`). `AZURE_TOKEN_CREDENTIALS`
 * stays out of the VM's file: the unit sets it.
 *
 * @example
 * ```ts
 * settingsCommand(sample, { AZURE_MANAGED_IDENTITY_OBJECT_ID: identity.principalId, APP_CONFIG_ENDPOINT: endpoint })
 * ```
 */
export function settingsCommand(sample: SampleRun, settings: Readonly<Record<string, string>>): string {
  const names = hostNames(sample)
  if (sample.def.id !== 'vm') return azCommands.appSettings(names, settings)
  const fileSettings = Object.fromEntries(
    Object.entries(settings).filter(([key]) => key !== 'AZURE_TOKEN_CREDENTIALS'),
  )
  return azCommands.appSettings(names, fileSettings, { environmentFile: VM_ENV_FILE, unit: 'uami-sample' })
}
