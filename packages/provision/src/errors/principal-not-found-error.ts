import { ProvisionError } from './provision-error.js'

/**
 * Azure answered `PrincipalNotFound` to a role assignment for longer than the replication wait: the ID is not a
 * principal (object) ID in the tenant. A frequent cause is passing the identity's clientId or resource ID.
 *
 * @example
 * ```ts
 * await ensureRoleAssignment(clients, { scope: store.id, principalId: identity.clientId, role: 'App Configuration Data Reader' })
 * // throws PrincipalNotFoundError (clientId is not the object ID)
 * ```
 */
export class PrincipalNotFoundError extends ProvisionError {
  static readonly code = 'UAMI_PROVISION_PRINCIPAL_NOT_FOUND' as const
  override readonly name = 'PrincipalNotFoundError' as const
  readonly code = PrincipalNotFoundError.code
  /** The principal ID Azure did not find. */
  readonly principalId: string
  /** How long the step waited for replication, in milliseconds. */
  readonly waitedMs: number

  constructor(details: {
    principalId: string
    scope: string
    waitedMs: number
    armMessage?: string
    cause?: unknown
  }) {
    super({
      what: `Could not assign a role on ${details.scope}: principal ${details.principalId} was not found in the tenant.`,
      why: `Azure answered PrincipalNotFound for ${Math.round(details.waitedMs / 1000)} s.${
        details.armMessage ? ` ARM said: ${details.armMessage}` : ''
      }`,
      fix: "Pass the identity's principalId (object ID): az identity show -g <rg> -n <identity> --query principalId -o tsv — not its clientId or resource ID.",
      cause: details.cause,
    })
    this.principalId = details.principalId
    this.waitedMs = details.waitedMs
  }
}
