import type { UamiCredentialErrorCode } from './catalogue.js'
import type { KnownUamiCredentialError } from './known.js'
import { type ErrorMessageParts, UamiError } from './uami-error.js'
import { UamiErrorBrand } from './uami-error-brand.js'

const brand = new UamiErrorBrand<UamiCredentialError>('@uami/credential.error')

/**
 * Base class of every error `@uami/credential` throws or returns. Each failure mode has its own subclass with a
 * stable {@link UamiCredentialError.code | code}, structured fields, a {@link UamiCredentialError.fix | fix} and,
 * when something else failed first, the native `cause`. It is a {@link UamiError}, like the errors of the other
 * uami packages.
 *
 * Messages read *what failed. why. what to do next.* They never contain an access token, a client secret, the
 * `IDENTITY_HEADER` value or an `Authorization` header.
 *
 * @example
 * ```ts
 * try {
 *   identityFromEnv()
 * } catch (error) {
 *   if (isUamiCredentialError(error)) console.error(error.code, error.fix)
 *   throw error
 * }
 * ```
 */
export abstract class UamiCredentialError extends UamiError<UamiCredentialErrorCode> {
  /** Stable, documented code, e.g. `UAMI_CRED_INVALID_GUID`. Listed in {@link errorCatalogue}. */
  abstract override readonly code: UamiCredentialErrorCode

  /**
   * @param parts - What failed, why, what to do next, and the underlying error.
   */
  constructor(parts: ErrorMessageParts) {
    super(parts)
    brand.mark(this)
  }
}

/**
 * Tells whether a value is an error from `@uami/credential`, optionally with a given code. Works across copies of
 * the package (it checks the registered symbol `Symbol.for('@uami/credential.error')`, not only `instanceof`).
 *
 * @param error - Any caught value.
 * @param code - When given, the error must also have this code.
 * @returns `true` when `error` is a `UamiCredentialError` (with `code`, if given).
 * @example
 * ```ts
 * if (isUamiCredentialError(error, 'UAMI_CRED_IDENTITY_NOT_ATTACHED')) console.error(error.fix)
 * ```
 */
export function isUamiCredentialError<Code extends UamiCredentialErrorCode>(
  error: unknown,
  code: Code,
): error is Extract<KnownUamiCredentialError, { readonly code: Code }>
export function isUamiCredentialError(error: unknown): error is UamiCredentialError
export function isUamiCredentialError(
  error: unknown,
  code?: UamiCredentialErrorCode,
): error is UamiCredentialError {
  return brand.is(error, code)
}
