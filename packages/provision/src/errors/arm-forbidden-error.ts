import { ProvisionError } from './provision-error.js'

/** Details of an {@link ArmForbiddenError}. */
export interface ArmForbiddenErrorDetails {
  /** What the step tried to do, e.g. `create the user-assigned identity "id-uami"`. */
  readonly operation: string
  /** The scope the role is needed on (a resource group, resource or subscription ID). */
  readonly scope: string
  /** The control-plane role(s) that allow it, for the message, e.g. `Contributor`. */
  readonly requiredRole: string
  /** The one role the fix command assigns (default: {@link ArmForbiddenErrorDetails.requiredRole}). */
  readonly suggestedRole?: string | undefined
  /** ARM's own message (it names the principal and the action). */
  readonly armMessage?: string | undefined
  readonly cause?: unknown
}

/**
 * Azure Resource Manager answered 403 (`AuthorizationFailed`): the signed-in principal lacks a control-plane
 * role on the scope. Creating resources needs Contributor; creating role assignments needs Owner, User Access
 * Administrator or Role Based Access Control Administrator.
 *
 * @example
 * ```ts
 * if (isProvisionError(error, 'UAMI_PROVISION_ARM_FORBIDDEN')) console.error(error.requiredRole, error.scope)
 * ```
 */
export class ArmForbiddenError extends ProvisionError {
  static readonly code = 'UAMI_PROVISION_ARM_FORBIDDEN' as const
  override readonly name = 'ArmForbiddenError' as const
  readonly code = ArmForbiddenError.code
  /** What the step tried to do. */
  readonly operation: string
  /** Where the role is needed. */
  readonly scope: string
  /** The role that would allow it. */
  readonly requiredRole: string
  /** Always 403. */
  readonly statusCode = 403

  constructor(details: ArmForbiddenErrorDetails) {
    super({
      what: `Could not ${details.operation}: Azure Resource Manager answered 403 Forbidden.`,
      why: `The signed-in principal has no role on ${details.scope} that allows it (it needs ${details.requiredRole}).${
        details.armMessage ? ` ARM said: ${details.armMessage}` : ''
      }`,
      fix: `Ask an Owner of the scope to run: az role assignment create --assignee-object-id <your object ID> --role "${details.suggestedRole ?? details.requiredRole}" --scope ${details.scope} — or sign in as a principal that has it.`,
      cause: details.cause,
    })
    this.operation = details.operation
    this.scope = details.scope
    this.requiredRole = details.requiredRole
  }
}
