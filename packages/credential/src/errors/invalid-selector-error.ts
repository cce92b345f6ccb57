import { UamiCredentialError } from './uami-credential-error.js'

/** Details of an `InvalidSelectorError`. */
export interface InvalidSelectorErrorDetails {
  /** Where the selector came from, e.g. `the "selector" option of createCredential()`. */
  readonly origin: string
  /** What is wrong, e.g. `received a string`. */
  readonly reason: string
  /** Why that matters (defaults to the general rule). */
  readonly why?: string | undefined
}

/**
 * Thrown when code passes something other than exactly one of `{ clientId }`, `{ resourceId }`, `{ objectId }`.
 * A bare string is refused on purpose: `new ManagedIdentityCredential(string)` always reads it as a client ID,
 * so the article's `new ManagedIdentityCredential(resourceId)` selects no identity (ERRATA #1).
 *
 * @example
 * ```ts
 * // @ts-expect-error the types refuse it too
 * createCredential({ selector: '/subscriptions/…' }) // throws InvalidSelectorError
 * ```
 */
export class InvalidSelectorError extends UamiCredentialError {
  static readonly code = 'UAMI_CRED_INVALID_SELECTOR' as const
  override readonly name = 'InvalidSelectorError' as const
  readonly code = InvalidSelectorError.code
  /** Where the selector came from. */
  readonly origin: string
  /** What is wrong with it. */
  readonly reason: string

  constructor(details: InvalidSelectorErrorDetails) {
    super({
      what: `${details.origin} is not an identity selector: ${details.reason}.`,
      why:
        details.why ??
        'An identity is selected by exactly one identifier, and a string is always read as a client ID by ManagedIdentityCredential (the article passes a resource ID or object ID that way, which selects no identity).',
      fix: 'Pass an object with exactly one key: { clientId }, { resourceId } or { objectId }.',
    })
    this.origin = details.origin
    this.reason = details.reason
  }
}
