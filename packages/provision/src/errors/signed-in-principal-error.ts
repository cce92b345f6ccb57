import { ProvisionError } from './provision-error.js'

/**
 * The credential's access token has no object ID (`oid`) claim, so the signed-in principal cannot be named in a
 * role assignment.
 *
 * @example
 * ```ts
 * const me = await getSignedInPrincipal(credential) // throws SignedInPrincipalError for an unusual token
 * ```
 */
export class SignedInPrincipalError extends ProvisionError {
  static readonly code = 'UAMI_PROVISION_SIGNED_IN_PRINCIPAL_UNKNOWN' as const
  override readonly name = 'SignedInPrincipalError' as const
  readonly code = SignedInPrincipalError.code

  constructor(details: { problem: string; cause?: unknown }) {
    super({
      what: 'Could not tell which principal is signed in.',
      why: details.problem,
      fix: 'Sign in as a user or service principal (az login), or pass the principal ID explicitly (seedAs: { principalId, principalType }).',
      cause: details.cause,
    })
  }
}
