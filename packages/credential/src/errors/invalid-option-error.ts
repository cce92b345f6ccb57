import { UamiCredentialError } from './uami-credential-error.js'

/** Details of an `InvalidOptionError`. */
export interface InvalidOptionErrorDetails {
  /** The option, e.g. `identityFromEnv(env)`. */
  readonly option: string
  /** What was expected, e.g. `an object such as process.env`. */
  readonly expected: string
  /** What was received, described (never a secret value). */
  readonly received: string
}

/**
 * Thrown when a function receives an option of the wrong type or an unknown value, so that a wrong call fails with
 * a coded error naming the option instead of a bare `TypeError` later.
 *
 * @example
 * ```ts
 * identityFromEnv(process.env, { kinds: ['principalId'] }) // throws InvalidOptionError
 * ```
 */
export class InvalidOptionError extends UamiCredentialError {
  static readonly code = 'UAMI_CRED_INVALID_OPTION' as const
  override readonly name = 'InvalidOptionError' as const
  readonly code = InvalidOptionError.code
  /** The option that was wrong. */
  readonly option: string
  /** What was expected. */
  readonly expected: string
  /** What was received. */
  readonly received: string

  constructor(details: InvalidOptionErrorDetails) {
    super({
      what: `${details.option} is invalid: expected ${details.expected}, received ${details.received}.`,
      fix: `Pass ${details.expected}.`,
    })
    this.option = details.option
    this.expected = details.expected
    this.received = details.received
  }
}

/** Describes a received value's type for `InvalidOptionError` without showing string contents. */
export function describeType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return `a string (${[...value].length} characters)`
  if (typeof value === 'object') return 'an object'
  return `${typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`}`
}
