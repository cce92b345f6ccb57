import type { HostKind } from '../host/detect-host.js'
import { shellArg } from '../util/text.js'

/** An Azure host kind (not a developer machine). */
export type AzureHostKind = Exclude<HostKind, 'developer-machine'>

/** Input of {@link attachIdentityCommand}. Unknown values become `<placeholders>`. */
export interface AttachIdentityCommandInput {
  /** The host kind. */
  readonly host: AzureHostKind
  /** The host's resource group. Placeholder: `<resource-group>`. */
  readonly resourceGroup?: string | undefined
  /** The app or VM name. Placeholder: `<app-name>`, `<containerapp-name>` or `<vm-name>`. */
  readonly hostName?: string | undefined
  /** The identity's resource ID (or its name, when it is in the host's resource group). Placeholder: `<identity-resource-id>`. */
  readonly identity?: string | undefined
}

const CLI_GROUP: Readonly<Record<AzureHostKind, string>> = {
  'app-service': 'webapp',
  'container-apps': 'containerapp',
  vm: 'vm',
}

const NAME_PLACEHOLDER: Readonly<Record<AzureHostKind, string>> = {
  'app-service': '<app-name>',
  'container-apps': '<containerapp-name>',
  vm: '<vm-name>',
}

/**
 * Builds the command that attaches a user-assigned identity to a host. The flag differs by host:
 * `az webapp identity assign --identities`, `az containerapp identity assign --user-assigned` (the article's
 * `--identities` does not exist for containerapp: ERRATA #2), `az vm identity assign --identities`.
 *
 * @param input - Host kind and, when known, resource group, host name and identity.
 * @returns The command, with `<placeholders>` for unknown values and shell quoting where needed.
 * @example
 * ```ts
 * attachIdentityCommand({ host: 'container-apps', resourceGroup: 'rg', hostName: 'api', identity: id })
 * // 'az containerapp identity assign --resource-group rg --name api --user-assigned /subscriptions/…'
 * ```
 */
export function attachIdentityCommand(input: AttachIdentityCommandInput): string {
  const flag = input.host === 'container-apps' ? '--user-assigned' : '--identities'
  return [
    `az ${CLI_GROUP[input.host]} identity assign`,
    `--resource-group ${shellArg(input.resourceGroup ?? '<resource-group>')}`,
    `--name ${shellArg(input.hostName ?? NAME_PLACEHOLDER[input.host])}`,
    `${flag} ${shellArg(input.identity ?? '<identity-resource-id>')}`,
  ].join(' ')
}

/**
 * Builds the command that lists the identities attached to a host.
 *
 * @param input - Host kind and, when known, resource group and host name.
 * @returns `az webapp|containerapp|vm identity show …`.
 * @example
 * ```ts
 * showHostIdentitiesCommand({ host: 'vm', resourceGroup: 'rg', hostName: 'vm1' }) // 'az vm identity show --resource-group rg --name vm1'
 * ```
 */
export function showHostIdentitiesCommand(input: Omit<AttachIdentityCommandInput, 'identity'>): string {
  return [
    `az ${CLI_GROUP[input.host]} identity show`,
    `--resource-group ${shellArg(input.resourceGroup ?? '<resource-group>')}`,
    `--name ${shellArg(input.hostName ?? NAME_PLACEHOLDER[input.host])}`,
  ].join(' ')
}

/** Input of {@link roleAssignmentCommand}. Unknown values become `<placeholders>`. */
export interface RoleAssignmentCommandInput {
  /** The identity's principal (object) ID. Placeholder: `<principal-id>`. */
  readonly principalId?: string | undefined
  /** The scope, e.g. the App Configuration store's resource ID. Placeholder: `<store-resource-id>`. */
  readonly scope?: string | undefined
  /** The role name. Default: `App Configuration Data Reader`. */
  readonly role?: string | undefined
}

function quoteRole(role: string): string {
  if (/^<[a-z0-9-]+>$/.test(role) || /^[A-Za-z0-9_.-]+$/.test(role)) return role
  return /^[A-Za-z0-9 _.()-]+$/.test(role) ? `"${role}"` : shellArg(role)
}

/**
 * Builds the role assignment command with `--assignee-object-id` and `--assignee-principal-type ServicePrincipal`,
 * which works right after the identity is created (`--assignee` looks the principal up in Microsoft Graph and can
 * fail with `PrincipalNotFound`: ERRATA #4).
 *
 * @param input - Principal ID, scope and role; unknown values become placeholders.
 * @returns The command.
 * @example
 * ```ts
 * roleAssignmentCommand({ principalId: oid, scope: storeId })
 * // 'az role assignment create --assignee-object-id … --assignee-principal-type ServicePrincipal --role "App Configuration Data Reader" --scope /subscriptions/…'
 * ```
 */
export function roleAssignmentCommand(input: RoleAssignmentCommandInput): string {
  return [
    'az role assignment create',
    `--assignee-object-id ${shellArg(input.principalId ?? '<principal-id>')}`,
    '--assignee-principal-type ServicePrincipal',
    `--role ${quoteRole(input.role ?? 'App Configuration Data Reader')}`,
    `--scope ${shellArg(input.scope ?? '<store-resource-id>')}`,
  ].join(' ')
}
