import { azCommands, renderCommand } from '@uami/provision'
import type { SampleRun } from '../tour/run-context.js'
import { hostNames } from './identity-steps.js'

/** The VM sample's environment file, read by its systemd unit (`EnvironmentFile=`; it overrides `Environment=`). */
export const VM_ENV_FILE = '/etc/uami-sample.env'

/**
 * The `az` command that gives the sample its variables on its host: App Service app settings, the container app's
 * environment (`azCommands.appSettings`), or for the VM an `az vm run-command invoke` that rewrites
 * `/etc/uami-sample.env` — the file the VM sample's systemd unit reads — and restarts the unit. (A drop-in with
 * `Environment=` lines would lose to that file.) `AZURE_TOKEN_CREDENTIALS` stays out of the VM's file: the unit sets it.
 *
 * @example
 * ```ts
 * settingsCommand(sample, { AZURE_MANAGED_IDENTITY_OBJECT_ID: identity.principalId, APP_CONFIG_ENDPOINT: endpoint })
 * ```
 */
export function settingsCommand(sample: SampleRun, settings: Readonly<Record<string, string>>): string {
  const names = hostNames(sample)
  if (sample.def.id !== 'vm') return azCommands.appSettings(names, settings)
  const lines = Object.entries(settings)
    .filter(([key]) => key !== 'AZURE_TOKEN_CREDENTIALS')
    .map(([key, value]) => `${key}=${value}`)
  const script = [
    `cat > ${VM_ENV_FILE} <<'UAMI_EOF'`,
    ...lines,
    'UAMI_EOF',
    `chmod 600 ${VM_ENV_FILE}`,
    'systemctl restart uami-sample',
  ].join('\n')
  return renderCommand([
    'az',
    'vm',
    'run-command',
    'invoke',
    '-g',
    names.resourceGroup,
    '-n',
    names.name,
    '--command-id',
    'RunShellScript',
    '--scripts',
    script,
  ])
}
