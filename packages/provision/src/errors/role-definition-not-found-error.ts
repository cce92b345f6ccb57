import { ProvisionError } from './provision-error.js'

/**
 * No role definition with the given name exists at the scope.
 *
 * @example
 * ```ts
 * await ensureRoleAssignment(clients, { scope, principalId, role: 'App Config Reader' }) // typo → RoleDefinitionNotFoundError
 * ```
 */
export class RoleDefinitionNotFoundError extends ProvisionError {
  static readonly code = 'UAMI_PROVISION_ROLE_NOT_FOUND' as const
  override readonly name = 'RoleDefinitionNotFoundError' as const
  readonly code = RoleDefinitionNotFoundError.code
  /** The role name that was looked up. */
  readonly roleName: string

  constructor(details: { roleName: string; scope: string; cause?: unknown }) {
    super({
      what: `Role "${details.roleName}" was not found at ${details.scope}.`,
      fix: `Check the name: az role definition list --name "${details.roleName}" --scope ${details.scope} (the data reader role is "App Configuration Data Reader").`,
      cause: details.cause,
    })
    this.roleName = details.roleName
  }
}
