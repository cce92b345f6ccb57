const brand = Symbol.for('@uami/sample-kit.error')

/** The stable codes of the errors the sample kit throws. Listed with meaning and fix in the kit's README. */
export type SampleKitErrorCode =
  | 'UAMI_SAMPLE_ENV_MISSING'
  | 'UAMI_SAMPLE_ENV_INVALID'
  | 'UAMI_SAMPLE_TWO_IDENTIFIER_KINDS'
  | 'UAMI_SAMPLE_APP_CONFIG_UNAVAILABLE'
  | 'UAMI_SAMPLE_SETTINGS_LOAD_FAILED'

/** The parts every message is made of: *what failed. why. what to do next.* */
export interface SampleKitErrorParts {
  /** What failed, naming the variable or service. */
  readonly what: string
  /** Why it matters or what caused it. */
  readonly why?: string | undefined
  /** What to do next, usually with the exact command or value. */
  readonly fix: string
  /** The underlying error. Never serialised (it may carry request details). */
  readonly cause?: unknown
}

/**
 * Base class of the sample kit's errors: a stable {@link SampleKitError.code | code}, a
 * {@link SampleKitError.fix | fix}, and a message that reads *what failed. why. what to do next.* Messages never
 * contain a token, a secret or the `IDENTITY_HEADER` value.
 *
 * @example
 * ```ts
 * try {
 *   readSampleEnv(process.env, 'clientId')
 * } catch (error) {
 *   if (isSampleKitError(error)) console.error(`${error.code}: ${error.message}`)
 * }
 * ```
 */
export abstract class SampleKitError extends Error {
  /** Stable code, e.g. `UAMI_SAMPLE_ENV_INVALID`. */
  abstract readonly code: SampleKitErrorCode
  /** What to do next (also the last sentence of `message`). */
  readonly fix: string

  constructor(parts: SampleKitErrorParts) {
    super(
      [parts.what, parts.why, parts.fix].filter((part) => part !== undefined && part !== '').join(' '),
      parts.cause === undefined ? undefined : { cause: parts.cause },
    )
    this.fix = parts.fix
    Object.defineProperty(this, brand, { value: true })
  }

  /**
   * A JSON-safe description for logs and responses: `name`, `code`, `message`, `fix` and the subclass's fields,
   * without `cause` and `stack`.
   *
   * @returns The description.
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
 * Tells whether a value is an error thrown by the sample kit (works across copies of the package).
 *
 * @param error - Any caught value.
 * @returns `true` for a {@link SampleKitError}.
 * @example
 * ```ts
 * if (isSampleKitError(error)) reply.code(500).send({ code: error.code })
 * ```
 */
export function isSampleKitError(error: unknown): error is SampleKitError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error instanceof SampleKitError || (error as Record<symbol, unknown>)[brand] === true)
  )
}
