import type { UamiCredentialErrorCode } from './catalogue.js'

const brand = Symbol.for('@uami/credential.error')

/** The three parts every message is made of: *what failed. why. what to do next.* */
export interface ErrorMessageParts {
  /** What failed, naming the variable or option. */
  readonly what: string
  /** Why it matters or what caused it. */
  readonly why?: string | undefined
  /** What to do next: a sentence, usually with the exact command. Kept in {@link UamiCredentialError.fix}. */
  readonly fix: string
  /** The underlying error, kept as the native `cause`. */
  readonly cause?: unknown
}

/**
 * Base class of every error `@uami/credential` throws or returns. Each failure mode has its own subclass with a
 * stable {@link UamiCredentialError.code | code}, structured fields, a {@link UamiCredentialError.fix | fix} and,
 * when something else failed first, the native `cause`.
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
export abstract class UamiCredentialError extends Error {
  /** Stable, documented code, e.g. `UAMI_CRED_INVALID_GUID`. Listed in {@link errorCatalogue}. */
  abstract readonly code: UamiCredentialErrorCode
  /** What to do next (also the last sentence of `message`). */
  readonly fix: string

  constructor(parts: ErrorMessageParts) {
    super(
      [parts.what, parts.why, parts.fix].filter((part) => part !== undefined && part !== '').join(' '),
      parts.cause === undefined ? undefined : { cause: parts.cause },
    )
    this.fix = parts.fix
    Object.defineProperty(this, brand, { value: true })
  }

  /**
   * A plain object for structured logs and JSON output: `name`, `code`, `message`, `fix` and the subclass's own
   * fields. The `cause` is left out (it is not ours to serialise and may carry request details).
   *
   * @returns A JSON-safe description of the error.
   */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, code: this.code, message: this.message }
    for (const [key, value] of Object.entries(this)) {
      if (key !== 'cause' && key !== 'stack') json[key] = value
    }
    return json
  }
}

/**
 * Tells whether a value is an error from `@uami/credential`, optionally with a given code. Works across copies of
 * the package (it checks a registered symbol, not only `instanceof`).
 *
 * @param error - Any caught value.
 * @param code - When given, the error must also have this code.
 * @returns `true` when `error` is a {@link UamiCredentialError} (with `code`, if given).
 * @example
 * ```ts
 * if (isUamiCredentialError(error, 'UAMI_CRED_IDENTITY_NOT_ATTACHED')) console.error(error.fix)
 * ```
 */
export function isUamiCredentialError(
  error: unknown,
  code?: UamiCredentialErrorCode,
): error is UamiCredentialError {
  if (typeof error !== 'object' || error === null) return false
  const branded = error instanceof UamiCredentialError || (error as Record<symbol, unknown>)[brand] === true
  if (!branded) return false
  return code === undefined || (error as UamiCredentialError).code === code
}
