import { UamiCredentialError } from './uami-credential-error.js'

/** Details of an {@link AccessForbiddenError}. */
export interface AccessForbiddenErrorDetails {
  /** The service, e.g. `App Configuration`. */
  readonly service: string
  /** The service's origin, e.g. `https://mystore.azconfig.io`, when known. */
  readonly endpoint?: string | undefined
  /** The role to assign, e.g. `App Configuration Data Reader` (or a placeholder). */
  readonly role: string
  /** The scope, e.g. the store's resource ID (or a placeholder). */
  readonly scope: string
  /** The identity's principal (object) ID (or a placeholder). */
  readonly principalId: string
  /** The full `az role assignment create` command. */
  readonly command: string
  /** An extra sentence, e.g. how to find the principal ID. */
  readonly hint?: string | undefined
  /** The SDK error. */
  readonly cause?: unknown
}

/**
 * Returned by `explainAuthError` for a 403 from a service (a `RestError` with `statusCode` 403): the identity got
 * a token but has no data-plane role on the resource. Reader, Contributor and Owner grant no App Configuration data
 * access. The fix is `az role assignment create --assignee-object-id … --assignee-principal-type ServicePrincipal`
 * (ERRATA #4: `--assignee` looks the principal up in Microsoft Graph and fails right after the identity is created),
 * and the message says that a new assignment can take minutes (up to ~15) to take effect.
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
    super({
      what: `${details.service} answered 403 Forbidden${details.endpoint === undefined ? '' : ` (${details.endpoint})`}: the identity is signed in but has no data-plane role there.`,
      why: [
        'Reader, Contributor and Owner are control-plane roles and grant no data access; reading settings needs App Configuration Data Reader on the store, its resource group or subscription.',
        details.hint ?? '',
      ]
        .filter(Boolean)
        .join(' '),
      fix: `Assign the role: ${details.command} — a new role assignment can take a few minutes to take effect (allow up to ~15 minutes), so wait and retry before changing anything else.`,
      cause: details.cause,
    })
    this.service = details.service
    this.role = details.role
    this.scope = details.scope
    this.principalId = details.principalId
    this.command = details.command
  }
}
