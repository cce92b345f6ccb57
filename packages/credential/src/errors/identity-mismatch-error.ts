import type { IdentityKind } from '../identity/variables.js'
import { azQueryField, kindLabel } from '../identity/variables.js'
import { UamiCredentialError } from './uami-credential-error.js'

/** Details of an {@link IdentityMismatchError}. */
export interface IdentityMismatchErrorDetails {
  /** The configured identifier kind. */
  readonly kind: IdentityKind
  /** The claim that was compared: `appid`, `azp`, `oid` or `xms_mirid`. */
  readonly claim: string
  /** The configured value. */
  readonly expected: string
  /** The claim's value in the token, if present. */
  readonly received: string | undefined
}

/**
 * Thrown by `assertIdentityMatches` when a token was issued to another identity than the configured one: for a
 * client ID the `appid` (v1) / `azp` (v2) claim, for an object ID the `oid` claim, for a resource ID the
 * `xms_mirid` claim.
 *
 * @example
 * ```ts
 * assertIdentityMatches(describeAccessToken(token), { clientId }) // throws IdentityMismatchError if appid differs
 * ```
 */
export class IdentityMismatchError extends UamiCredentialError {
  static readonly code = 'UAMI_CRED_IDENTITY_MISMATCH' as const
  override readonly name = 'IdentityMismatchError' as const
  readonly code = IdentityMismatchError.code
  /** The configured identifier kind. */
  readonly kind: IdentityKind
  /** The claim that was compared. */
  readonly claim: string
  /** The configured value. */
  readonly expected: string
  /** The claim's value, if present. */
  readonly received: string | undefined

  constructor(details: IdentityMismatchErrorDetails) {
    super({
      what:
        details.received === undefined
          ? `The token has no ${details.claim} claim, so it cannot be matched to the configured ${kindLabel(details.kind)} ${details.expected}.`
          : `The token belongs to another identity: its ${details.claim} claim is ${details.received}, but the configured ${kindLabel(details.kind)} is ${details.expected}.`,
      why: 'Another identity answered (the host has several attached, or a developer credential was used), or the variable names a different identity than intended.',
      fix: `Compare with: az identity show --resource-group <resource-group> --name <identity-name> --query ${azQueryField(details.kind)} --output tsv — and list the host's identities with az webapp|containerapp|vm identity show.`,
    })
    this.kind = details.kind
    this.claim = details.claim
    this.expected = details.expected
    this.received = details.received
  }
}
