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
  /**
   * When `identity` is unknown: the identity's client ID or principal ID, looked up by the command itself
   * (`"$(az identity list --query "[?clientId=='…'].id" --output tsv)"`), so that it still runs as it is.
   */
  readonly lookup?: { readonly by: 'clientId' | 'principalId'; readonly value: string } | undefined
}

/**
 * A shell expression that prints the resource ID of the identity with this client ID or principal ID:
 * `"$(az identity list --query "[?clientId=='…'].id" --output tsv)"`.
 */
export function identityIdLookup(lookup: {
  readonly by: 'clientId' | 'principalId'
  readonly value: string
}): string {
  const value = /^[0-9a-fA-F-]+$/.test(lookup.value) ? lookup.value : '<id>'
  return `"$(az identity list --query "[?${lookup.by}=='${value}'].id" --output tsv)"`
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
 * The `--resource-group` value: the name when known; when only the host's name is known (Container Apps sets
 * `CONTAINER_APP_NAME` but no resource group), a look-up the command runs itself; else `<resource-group>`.
 */
function resourceGroupArg(input: Omit<AttachIdentityCommandInput, 'identity' | 'lookup'>): string {
  if (input.resourceGroup !== undefined) return shellArg(input.resourceGroup)
  if (input.hostName !== undefined && /^[A-Za-z0-9_.-]+$/.test(input.hostName))
    return `"$(az ${CLI_GROUP[input.host]} list --query "[?name=='${input.hostName}'].resourceGroup | [0]" --output tsv)"`
  return '<resource-group>'
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
    `--resource-group ${resourceGroupArg(input)}`,
    `--name ${shellArg(input.hostName ?? NAME_PLACEHOLDER[input.host])}`,
    `${flag} ${input.identity !== undefined ? shellArg(input.identity) : input.lookup !== undefined ? identityIdLookup(input.lookup) : '<identity-resource-id>'}`,
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
    `--resource-group ${resourceGroupArg(input)}`,
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

/**
 * Builds the command that lists the role assignments of a principal on a scope (App Configuration data roles
 * included), with JMESPath: no Microsoft Graph look-up.
 *
 * @param input - Principal ID and scope; unknown values become placeholders.
 * @returns `az role assignment list --scope … --include-inherited --query "[?principalId=='…'].roleDefinitionName" --output tsv`.
 * @example
 * ```ts
 * roleAssignmentListCommand({ principalId: oid, scope: storeId })
 * ```
 */
export function roleAssignmentListCommand(input: Omit<RoleAssignmentCommandInput, 'role'>): string {
  const principalId = input.principalId ?? '<principal-id>'
  const safe = /^[0-9a-fA-F-]+$/.test(principalId) ? principalId : '<principal-id>'
  return [
    'az role assignment list',
    `--scope ${shellArg(input.scope ?? '<store-resource-id>')}`,
    '--include-inherited',
    `--query "[?principalId=='${safe}'].roleDefinitionName"`,
    '--output tsv',
  ].join(' ')
}
