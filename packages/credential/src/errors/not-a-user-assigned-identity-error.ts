import { showIdentityCommand } from '../identity/variables.js'
import { UamiCredentialError } from './uami-credential-error.js'

/** Details of a `NotAUserAssignedIdentityError`. */
export interface NotAUserAssignedIdentityErrorDetails {
  /** The variable or option that held the value. */
  readonly variable: string
  /** The full resource type the ID points at, e.g. `Microsoft.Web/sites`; `undefined` for a subscription or resource group. */
  readonly resourceType: string | undefined
  /** What the ID points at, e.g. `an App Service app "web1" (Microsoft.Web/sites)`. */
  readonly description: string
  /** `true` when the ID is a host's system-assigned identity (`…/providers/Microsoft.ManagedIdentity/identities/default`). */
  readonly systemAssigned: boolean
}

/**
 * Thrown when a well-formed resource ID points at something other than a user-assigned identity: the host itself
 * (`Microsoft.Web/sites`, `Microsoft.App/containerApps`, `Microsoft.Compute/virtualMachines`), another resource,
 * a resource group, or a host's system-assigned identity.
 *
 * @example
 * ```ts
 * parseIdentitySelector({ kind: 'resourceId', value: '/subscriptions/…/providers/Microsoft.Web/sites/web1' })
 * // throws NotAUserAssignedIdentityError
 * ```
 */
export class NotAUserAssignedIdentityError extends UamiCredentialError {
  static readonly code = 'UAMI_CRED_NOT_A_USER_ASSIGNED_IDENTITY' as const
  override readonly name = 'NotAUserAssignedIdentityError' as const
  readonly code = NotAUserAssignedIdentityError.code
  /** The variable or option that held the value. */
  readonly variable: string
  /** The resource type the ID points at, if it is a resource. */
  readonly resourceType: string | undefined
  /** `true` for a system-assigned identity's ID. */
  readonly systemAssigned: boolean

  constructor(details: NotAUserAssignedIdentityErrorDetails) {
    super({
      what: `${details.variable} points at ${details.description}, not at a user-assigned identity.`,
      why: details.systemAssigned
        ? 'That is the system-assigned identity of the host. This app selects a user-assigned identity: a Microsoft.ManagedIdentity/userAssignedIdentities resource that you create once and attach to each host.'
        : 'ManagedIdentityCredential({ resourceId }) needs the ID of a Microsoft.ManagedIdentity/userAssignedIdentities resource; the ID of the host or of another resource selects no identity.',
      fix: `Use the identity's own ID: ${showIdentityCommand('resourceId')}`,
    })
    this.variable = details.variable
    this.resourceType = details.resourceType
    this.systemAssigned = details.systemAssigned
  }
}
