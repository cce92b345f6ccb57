import type { AppConfigurationSku } from '../app-configuration-store.js'
import type { HostKind } from '../hosts/host-ref.js'
import type { PrincipalType } from '../principal.js'
import { renderArgv, renderCommand } from './shell-quote.js'

/** The `az` command group of each host kind. */
const HOST_GROUP: Readonly<Record<HostKind, string>> = {
  'app-service': 'webapp',
  'container-apps': 'containerapp',
  vm: 'vm',
}

/**
 * The flag that names a user-assigned identity in `az <host> identity assign|remove`. `az containerapp` has no
 * `--identities` (ERRATA #2): it takes `--user-assigned`.
 */
const IDENTITY_FLAG: Readonly<Record<HostKind, string>> = {
  'app-service': '--identities',
  'container-apps': '--user-assigned',
  vm: '--identities',
}

/** A host by kind and names, as the commands need it. */
export interface HostNames {
  kind: HostKind
  resourceGroup: string
  name: string
}

/**
 * Pure functions that render the Azure CLI equivalent of each provisioning step with the names filled in,
 * corrected per ERRATA.md, quoted for POSIX shells. They send nothing anywhere: the tour shows them next to each
 * step, the docs print them.
 *
 * @example
 * ```ts
 * azCommands.identityAssign({ kind: 'container-apps', resourceGroup: 'rg-uami', name: 'ca-uami' }, identity.id)
 * // az containerapp identity assign -g rg-uami -n ca-uami --user-assigned /subscriptions/…/id-uami
 * ```
 */
export const azCommands = {
  /** Sign in and select the subscription. */
  signIn(subscriptionId?: string): string[] {
    const commands = [renderCommand(['az', 'login'])]
    if (subscriptionId)
      commands.push(renderCommand(['az', 'account', 'set', '--subscription', subscriptionId]))
    return commands
  },

  /** `az group create`. */
  groupCreate(options: { resourceGroup: string; location: string }): string {
    return renderCommand(['az', 'group', 'create', '-n', options.resourceGroup, '-l', options.location])
  },

  /** `az group delete` (cleanup; `--yes` skips the prompt). */
  groupDelete(options: { resourceGroup: string }): string {
    return renderCommand(['az', 'group', 'delete', '-n', options.resourceGroup, '--yes'])
  },

  /** `az appconfig create` with access keys disabled (Microsoft Entra ID only), as {@link ensureAppConfigurationStore} does. */
  appConfigCreate(options: {
    resourceGroup: string
    name: string
    location: string
    sku?: AppConfigurationSku | undefined
    disableLocalAuth?: boolean | undefined
  }): string {
    return renderCommand([
      'az',
      'appconfig',
      'create',
      '-g',
      options.resourceGroup,
      '-n',
      options.name,
      '-l',
      options.location,
      '--sku',
      capitalize(options.sku ?? 'free'),
      '--disable-local-auth',
      String(options.disableLocalAuth ?? true),
    ])
  },

  /** `az appconfig kv set --auth-mode login` (Microsoft Entra ID, no access key; needs Data Owner). */
  kvSet(options: { endpoint: string; key: string; value: string; label?: string | undefined }): string {
    return renderCommand([
      'az',
      'appconfig',
      'kv',
      'set',
      '--endpoint',
      options.endpoint,
      '--auth-mode',
      'login',
      '--key',
      options.key,
      '--value',
      options.value,
      ...(options.label ? ['--label', options.label] : []),
      '--yes',
    ])
  },

  /** `az appconfig kv list --auth-mode login` (verify the seed). */
  kvList(options: { endpoint: string }): string {
    return renderCommand([
      'az',
      'appconfig',
      'kv',
      'list',
      '--endpoint',
      options.endpoint,
      '--auth-mode',
      'login',
      '-o',
      'table',
    ])
  },

  /** `az identity create -g <rg> -n <name>`. */
  identityCreate(options: { resourceGroup: string; name: string }): string {
    return renderCommand(['az', 'identity', 'create', '-g', options.resourceGroup, '-n', options.name])
  },

  /** `az identity show … --query clientId|principalId|id -o tsv`: one identifier of the identity. */
  identityShow(options: {
    resourceGroup: string
    name: string
    query: 'clientId' | 'principalId' | 'id'
  }): string {
    return renderCommand([
      'az',
      'identity',
      'show',
      '-g',
      options.resourceGroup,
      '-n',
      options.name,
      '--query',
      options.query,
      '-o',
      'tsv',
    ])
  },

  /** The commands that create the host (and its plan / environment), as {@link ensureHost} with `prerequisites: 'create'`. */
  hostCreate(
    host: HostNames & {
      location: string
      plan?: string | undefined
      environment?: string | undefined
      image?: string | undefined
      targetPort?: number | undefined
      sshPublicKeyPath?: string | undefined
      adminUsername?: string | undefined
      size?: string | undefined
    },
  ): string[] {
    const g = ['-g', host.resourceGroup]
    if (host.kind === 'app-service') {
      const plan = host.plan ?? `asp-${host.name}`
      return [
        renderCommand([
          'az',
          'appservice',
          'plan',
          'create',
          ...g,
          '-n',
          plan,
          '-l',
          host.location,
          '--is-linux',
          '--sku',
          'B1',
        ]),
        renderCommand([
          'az',
          'webapp',
          'create',
          ...g,
          '-n',
          host.name,
          '--plan',
          plan,
          '--runtime',
          'NODE:22-lts',
        ]),
      ]
    }
    if (host.kind === 'container-apps') {
      const environment = host.environment ?? `cae-${host.name}`
      return [
        renderCommand(['az', 'containerapp', 'env', 'create', ...g, '-n', environment, '-l', host.location]),
        renderCommand([
          'az',
          'containerapp',
          'create',
          ...g,
          '-n',
          host.name,
          '--environment',
          environment,
          '--image',
          host.image ?? 'mcr.microsoft.com/k8se/quickstart:latest',
          '--target-port',
          String(host.targetPort ?? 80),
          '--ingress',
          'external',
        ]),
      ]
    }
    return [
      renderArgv([
        'az',
        'vm',
        'create',
        ...g,
        '-n',
        host.name,
        '-l',
        host.location,
        '--image',
        'Ubuntu2404',
        '--size',
        host.size ?? 'Standard_B1s',
        '--admin-username',
        host.adminUsername ?? 'azureuser',
        '--ssh-key-values',
        host.sshPublicKeyPath ?? { raw: '~/.ssh/id_ed25519.pub' },
        '--public-ip-address',
        '',
      ]),
    ]
  },

  /**
   * Attach a user-assigned identity: `az webapp|vm identity assign --identities <id>`,
   * `az containerapp identity assign --user-assigned <id>` (ERRATA #2).
   */
  identityAssign(host: HostNames, identityId: string): string {
    return renderCommand([
      'az',
      HOST_GROUP[host.kind],
      'identity',
      'assign',
      '-g',
      host.resourceGroup,
      '-n',
      host.name,
      IDENTITY_FLAG[host.kind],
      identityId,
    ])
  },

  /** Detach it again: `az <host> identity remove` with the same flag as assign. */
  identityRemove(host: HostNames, identityId: string): string {
    return renderCommand([
      'az',
      HOST_GROUP[host.kind],
      'identity',
      'remove',
      '-g',
      host.resourceGroup,
      '-n',
      host.name,
      IDENTITY_FLAG[host.kind],
      identityId,
    ])
  },

  /** `az <host> identity show` (verify the attach step). */
  hostIdentityShow(host: HostNames): string {
    return renderCommand([
      'az',
      HOST_GROUP[host.kind],
      'identity',
      'show',
      '-g',
      host.resourceGroup,
      '-n',
      host.name,
    ])
  },

  /**
   * `az role assignment create --assignee-object-id <principalId> --assignee-principal-type ServicePrincipal
   * --role "App Configuration Data Reader" --scope <store id>` (ERRATA #4, #5). Pass `principalType: 'User'` and
   * `role: 'App Configuration Data Owner'` for the developer who seeds settings.
   */
  roleAssignmentCreate(options: {
    principalId: string
    scope: string
    role?: string | undefined
    principalType?: PrincipalType | undefined
  }): string {
    return renderCommand([
      'az',
      'role',
      'assignment',
      'create',
      '--assignee-object-id',
      options.principalId,
      '--assignee-principal-type',
      options.principalType ?? 'ServicePrincipal',
      '--role',
      options.role ?? 'App Configuration Data Reader',
      '--scope',
      options.scope,
    ])
  },

  /** `az role assignment list --scope <scope>` filtered to one principal with JMESPath (no Graph look-up). */
  roleAssignmentList(options: { principalId: string; scope: string }): string {
    return renderCommand([
      'az',
      'role',
      'assignment',
      'list',
      '--scope',
      options.scope,
      '--query',
      `[?principalId=='${options.principalId}'].{role:roleDefinitionName, scope:scope}`,
      '-o',
      'table',
    ])
  },

  /** `az role assignment delete --ids <assignment id>`. */
  roleAssignmentDelete(options: { id: string }): string {
    return renderCommand(['az', 'role', 'assignment', 'delete', '--ids', options.id])
  },

  /**
   * Set the sample's environment on the host: `az webapp config appsettings set --settings K=V …`,
   * `az containerapp update --set-env-vars K=V …`, or for a VM an `az vm run-command invoke` that rewrites the
   * environment file the sample's systemd unit reads (`EnvironmentFile=`, default `/etc/uami-sample.env`) and
   * restarts the unit — a VM has no app settings in ARM; cloud-init writes the same file at creation. (A drop-in
   * with `Environment=` lines would not do: values from `EnvironmentFile=` override them.)
   */
  appSettings(
    host: HostNames,
    settings: Readonly<Record<string, string>>,
    options: { unit?: string; environmentFile?: string } = {},
  ): string {
    const pairs = Object.entries(settings).map(([key, value]) => `${key}=${value}`)
    const g = ['-g', host.resourceGroup, '-n', host.name]
    if (host.kind === 'app-service')
      return renderCommand(['az', 'webapp', 'config', 'appsettings', 'set', ...g, '--settings', ...pairs])
    if (host.kind === 'container-apps')
      return renderCommand(['az', 'containerapp', 'update', ...g, '--set-env-vars', ...pairs])
    const unit = options.unit ?? 'uami-sample'
    return renderCommand([
      'az',
      'vm',
      'run-command',
      'invoke',
      ...g,
      '--command-id',
      'RunShellScript',
      '--scripts',
      environmentFileScript(options.environmentFile ?? VM_ENVIRONMENT_FILE, unit, settings),
    ])
  },
} as const

/** The environment file the VM sample's systemd unit reads (`EnvironmentFile=` in `samples/vm/deploy`). */
export const VM_ENVIRONMENT_FILE = '/etc/uami-sample.env'

/**
 * The shell script that rewrites a systemd environment file with the sample's variables (root-only, mode 0600)
 * and restarts the unit — what {@link azCommands.appSettings} runs on a VM. Plain values (IDs, URLs) are written
 * bare; anything else is double-quoted for systemd (`\\`, `"` and `$` escaped).
 *
 * @param path - The file the unit names in `EnvironmentFile=`.
 * @param unit - The systemd unit to restart, without `.service`.
 * @param settings - The variables, e.g. the identifier variable and `APP_CONFIG_ENDPOINT`.
 * @returns A POSIX shell script.
 * @example
 * ```ts
 * environmentFileScript('/etc/uami-sample.env', 'uami-sample', { AZURE_MANAGED_IDENTITY_OBJECT_ID: principalId })
 * ```
 */
export function environmentFileScript(
  path: string,
  unit: string,
  settings: Readonly<Record<string, string>>,
): string {
  const lines = Object.entries(settings).map(([key, value]) => `${key}=${environmentFileValue(value)}`)
  return [
    `cat > ${path} <<'UAMI_EOF'`,
    ...lines,
    'UAMI_EOF',
    `chmod 600 ${path}`,
    `systemctl restart ${unit}`,
  ].join('\n')
}

function environmentFileValue(value: string): string {
  if (/^[\w./:@%+=,-]*$/.test(value)) return value
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('$', '\\$')}"`
}

function capitalize(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1)
}
