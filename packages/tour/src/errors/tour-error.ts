import { type ErrorMessageParts, UamiError, UamiErrorBrand } from '@uami/credential/diagnostics'
import type { TourErrorCode } from './catalogue.js'

const brand = new UamiErrorBrand<TourError>('@uami/tour.error')

/**
 * Base class of every error the tour and `uami doctor` raise themselves. Each failure mode has a stable
 * {@link TourError.code | code} (listed in {@link tourErrorCatalogue}) and a {@link TourError.fix | fix}. It is
 * a `UamiError` from `@uami/credential`: the message reads *what failed. why. what to do next.*, and the
 * underlying error is the native `cause`. Messages never contain a token, a client secret or the
 * `IDENTITY_HEADER` value.
 *
 * @example
 * ```ts
 * try {
 *   await runTour(options)
 * } catch (error) {
 *   if (isTourError(error)) console.error(error.code, error.fix)
 * }
 * ```
 */
export abstract class TourError extends UamiError<TourErrorCode> {
  /** Stable code, e.g. `UAMI_TOUR_CONFIRMATION_REQUIRED`. */
  abstract override readonly code: TourErrorCode
  /** Process exit code the CLI uses for this error. */
  readonly exitCode: number = 1

  /**
   * @param parts - What failed (naming the option, step or sample), why, what to do next, and the underlying
   *   error.
   */
  constructor(parts: ErrorMessageParts) {
    super(parts)
    brand.mark(this)
  }

  /** A JSON-safe description: `name`, `code`, `message`, `fix` (never the cause). */
  override toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, fix: this.fix }
  }
}

/**
 * Tells whether a value is a {@link TourError}, optionally with a given code.
 *
 * @example
 * ```ts
 * if (isTourError(error, 'UAMI_TOUR_USAGE')) process.exitCode = 2
 * ```
 */
export function isTourError(error: unknown, code?: TourErrorCode): error is TourError {
  return brand.is(error, code)
}
