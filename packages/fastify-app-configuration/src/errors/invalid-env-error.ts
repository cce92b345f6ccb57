import { SampleKitError } from './sample-kit-error.js'

/** Details of an {@link InvalidEnvError}. */
export interface InvalidEnvErrorDetails {
  /** The variable with the wrong value. */
  readonly variable: string
  /** What a valid value looks like. */
  readonly expected: string
  /** A short description of the value received (never a secret: the kit validates no secret variables). */
  readonly received: string
  /** How to set it right. */
  readonly fix: string
}

/**
 * Thrown at startup when a variable has a value the sample cannot use (a `PORT` out of range, an
 * `APP_CONFIG_ENDPOINT` that is not https, …). The message names the variable, what was expected and what was
 * received.
 *
 * @example
 * ```ts
 * readSampleEnv({ APP_CONFIG_ENDPOINT: 'http://x', AZURE_CLIENT_ID: id }, 'clientId') // throws InvalidEnvError
 * ```
 */
export class InvalidEnvError extends SampleKitError {
  static readonly code = 'UAMI_SAMPLE_ENV_INVALID' as const
  override readonly name = 'InvalidEnvError' as const
  readonly code = InvalidEnvError.code
  /** The variable with the wrong value. */
  readonly variable: string
  /** What a valid value looks like. */
  readonly expected: string

  constructor(details: InvalidEnvErrorDetails) {
    super({
      what: `${details.variable} is invalid: expected ${details.expected}, received ${details.received}.`,
      fix: details.fix,
    })
    this.variable = details.variable
    this.expected = details.expected
  }
}
