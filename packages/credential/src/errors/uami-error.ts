import { UamiErrorBrand } from './uami-error-brand.js'

/** The parts every message is made of: *what failed. why. what to do next.* */
export interface ErrorMessageParts {
  /** What failed, naming the variable, option or resource. */
  readonly what: string
  /** Why it matters or what caused it. */
  readonly why?: string | undefined
  /** What to do next: a sentence, usually with the exact command. Kept in {@link UamiError.fix}. */
  readonly fix: string
  /** The underlying error, kept as the native `cause` (never serialised: it may carry request details). */
  readonly cause?: unknown
}

const uamiErrorBrand = new UamiErrorBrand<UamiError>('@uami/error')

/**
 * Base class of every error the uami packages raise: `@uami/credential` (`UamiCredentialError`) and the
 * provisioning steps, the sample kit and the tour, each of which has its own subclass and codes. Every failure
 * mode is a subclass with a stable {@link UamiError.code | code}, structured fields, a
 * {@link UamiError.fix | fix} and, when something else failed first, the native `cause`.
 *
 * The message is assembled from {@link ErrorMessageParts}: *what failed. why. what to do next.* — the parts
 * joined by a space, empty ones left out. Messages never contain an access token, a client secret, the
 * `IDENTITY_HEADER` value or an `Authorization` header.
 *
 * Every instance carries the registered symbol `Symbol.for('@uami/error')`, so {@link isUamiError} recognises
 * errors from another copy of this package too (two versions installed side by side). A family of errors (one
 * package's) adds its own brand with a {@link UamiErrorBrand}.
 *
 * @typeParam Code - The codes this error can carry, e.g. a union of string literals.
 * @example
 * ```ts
 * type WidgetErrorCode = 'WIDGET_MISSING'
 *
 * class WidgetMissingError extends UamiError<WidgetErrorCode> {
 *   override readonly name = 'WidgetMissingError'
 *   readonly code = 'WIDGET_MISSING'
 *
 *   constructor(readonly widget: string) {
 *     super({ what: `Widget ${widget} is missing.`, fix: `Create it: widgets create ${widget}.` })
 *   }
 * }
 * ```
 */
export abstract class UamiError<Code extends string = string> extends Error {
  /** Stable, documented code, e.g. `UAMI_CRED_INVALID_GUID`. Never changes once published. */
  abstract readonly code: Code
  /** What to do next (also the last sentence of `message`). */
  readonly fix: string
  /**
   * What failed and why: `message` without its {@link UamiError.fix | fix}, for output that shows the fix on its
   * own (an HTTP error body, a report), so that nothing is said twice.
   */
  readonly problem: string

  /**
   * @param parts - What failed, why, what to do next, and the underlying error.
   */
  constructor(parts: ErrorMessageParts) {
    super(
      [parts.what, parts.why, parts.fix].filter((part) => part !== undefined && part !== '').join(' '),
      parts.cause === undefined ? undefined : { cause: parts.cause },
    )
    this.fix = parts.fix
    this.problem = [parts.what, parts.why].filter((part) => part !== undefined && part !== '').join(' ')
    uamiErrorBrand.mark(this)
  }

  /**
   * A plain object for structured logs and JSON output: `name`, `code`, `message`, `fix` and the subclass's own
   * fields. The `cause` and the `stack` are left out (the cause is not ours to serialise and may carry request
   * details).
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
 * Tells whether a value is an error from any uami package ({@link UamiError}), optionally with a given code.
 * Works across copies of the packages: it checks the registered symbol `Symbol.for('@uami/error')` that
 * every instance carries, not `instanceof`.
 *
 * @typeParam Code - The code looked for.
 * @param error - Any caught value.
 * @param code - When given, the error must also have this code.
 * @returns `true` when `error` is a {@link UamiError} (with `code`, if given).
 * @example
 * ```ts
 * if (isUamiError(error)) console.error(error.code, error.fix)
 * ```
 */
export function isUamiError<Code extends string = string>(
  error: unknown,
  code?: Code,
): error is UamiError<Code> {
  return uamiErrorBrand.is(error, code)
}
