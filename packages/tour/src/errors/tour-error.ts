import type { TourErrorCode } from './catalogue.js'

const brand = Symbol.for('@uami/tour.error')

/** The parts every message is made of: *what failed. why. what to do next.* */
export interface TourErrorParts {
  /** What failed, naming the option, step or sample. */
  readonly what: string
  /** Why it failed. */
  readonly why?: string | undefined
  /** What to do next, usually with the exact command. Kept in {@link TourError.fix}. */
  readonly fix: string
  /** The underlying error, kept as the native `cause`. */
  readonly cause?: unknown
}

/**
 * Base class of every error the tour and `uami doctor` raise themselves. Each failure mode has a stable
 * {@link TourError.code | code} (listed in {@link tourErrorCatalogue}) and a {@link TourError.fix | fix}.
 * Messages never contain a token, a client secret or the `IDENTITY_HEADER` value.
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
export abstract class TourError extends Error {
  /** Stable code, e.g. `UAMI_TOUR_CONFIRMATION_REQUIRED`. */
  abstract readonly code: TourErrorCode
  /** Process exit code the CLI uses for this error. */
  readonly exitCode: number = 1
  /** What to do next (also the last sentence of `message`). */
  readonly fix: string

  constructor(parts: TourErrorParts) {
    super(
      [parts.what, parts.why, parts.fix].filter((part) => part !== undefined && part !== '').join(' '),
      parts.cause === undefined ? undefined : { cause: parts.cause },
    )
    this.fix = parts.fix
    Object.defineProperty(this, brand, { value: true })
  }

  /** A JSON-safe description: `name`, `code`, `message`, `fix` (never the cause). */
  toJSON(): Record<string, unknown> {
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
  if (typeof error !== 'object' || error === null) return false
  const branded = error instanceof TourError || (error as Record<symbol, unknown>)[brand] === true
  return branded && (code === undefined || (error as TourError).code === code)
}
