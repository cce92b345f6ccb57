import type { RoleAssignmentState } from '../explain/context.js'
import { UamiCredentialError } from './uami-credential-error.js'

/** Details of an {@link AccessForbiddenError}. */
export interface AccessForbiddenErrorDetails {
  /** The service, e.g. `App Configuration`. */
  readonly service: string
  /** The service's endpoint as the message shows it, e.g. `https://mystore.azconfig.io`, when known. */
  readonly endpoint?: string | undefined
  /** The role to assign, e.g. `App Configuration Data Reader` (or a placeholder). */
  readonly role: string
  /** The scope, e.g. the store's resource ID (or a placeholder). */
  readonly scope: string
  /** The identity's principal (object) ID (or a placeholder). */
  readonly principalId: string
  /** The full `az role assignment create` command. */
  readonly command: string
  /** The `az role assignment list` command that shows whether the principal has a role there. */
  readonly listCommand?: string | undefined
  /** What ARM lists for the principal, when the caller knows; unknown otherwise. */
  readonly assignment?: RoleAssignmentState | undefined
  /** Lines to put before the commands, e.g. how to find the principal ID (a sentence, then a command). */
  readonly hint?: string | undefined
  /** The SDK error. */
  readonly cause?: unknown
}

/**
 * Returned by `explainAuthError` for a 403 from a service (a `RestError` with `statusCode` 403): the identity got
 * a token but has no data-plane role on the resource. Reader, Contributor and Owner grant no App Configuration data
 * access. The fix is `az role assignment create --assignee-object-id … --assignee-principal-type ServicePrincipal`
 * (ERRATA #4: `--assignee` looks the principal up in Microsoft Graph and fails right after the identity is created).
 * A 403 alone cannot tell a missing role from one that is still propagating (new assignments take minutes, up to
 * ~15): when the caller knows what ARM lists (`context.roleAssignment`), the fix is the command (missing) or to
 * wait (propagating); otherwise it is the `az role assignment list` that tells them apart, then the command. Each
 * command is on a line of its own.
 *
 * @example
 * ```ts
 * explainAuthError(restError403, { principalId, storeId }).fix
 * ```
 */
export class AccessForbiddenError extends UamiCredentialError {
  static readonly code = 'UAMI_CRED_FORBIDDEN' as const
  override readonly name = 'AccessForbiddenError' as const
  readonly code = AccessForbiddenError.code
  /** Always 403. */
  readonly statusCode = 403
  /** The service that refused. */
  readonly service: string
  /** The role to assign. */
  readonly role: string
  /** The scope to assign it at. */
  readonly scope: string
  /** The principal to assign it to. */
  readonly principalId: string
  /** The full command. */
  readonly command: string

  constructor(details: AccessForbiddenErrorDetails) {
    const where = details.endpoint === undefined ? '' : ` (${details.endpoint})`
    const control =
      'Reader, Contributor and Owner are control-plane roles and grant no data access; reading settings needs App Configuration Data Reader on the store, its resource group or subscription.'
    const assignment = details.assignment
    const hint = details.hint === undefined ? [] : [details.hint]
    let why: string
    let fix: string[]
    if (assignment?.state === 'propagating') {
      const age = assignment.ageSeconds === undefined ? '' : `, assigned ${assignment.ageSeconds} s ago`
      why = `ARM lists ${assignment.role} for principal ${details.principalId} on ${assignment.scope}${age}: the assignment is still propagating${assignment.note === undefined ? '' : ` (${assignment.note})`}. New role assignments take effect within minutes in Azure (allow up to ~15).`
      fix = [
        'Wait, then retry: nothing needs changing, and the app retries on its own. Do not assign broader roles.',
      ]
    } else if (assignment?.state === 'missing') {
      why = `ARM lists no App Configuration data role for principal ${details.principalId} on the store or above it. ${control}`
      fix = [...hint, 'Assign the role; the app retries on its own:', details.command]
    } else {
      why = `${control} A role assigned in the last minutes may not be in effect yet (allow up to ~15 minutes).`
      fix = [
        ...hint,
        ...(details.listCommand === undefined
          ? []
          : ['See whether the identity has a role there:', details.listCommand]),
        `${details.listCommand === undefined ? 'Assign' : 'If none is listed, assign'} the role; the app retries on its own:`,
        details.command,
        ...(details.listCommand === undefined
          ? []
          : [
              'If it is listed, it was assigned recently and is still propagating: wait, and change nothing.',
            ]),
      ]
    }
    super({
      what: `${details.service} answered 403 Forbidden${where}: the identity is signed in but has no data-plane role in effect there.`,
      why,
      fix: fix.join('\n'),
      cause: details.cause,
    })
    this.service = details.service
    this.role = details.role
    this.scope = details.scope
    this.principalId = details.principalId
    this.command = details.command
  }
}
