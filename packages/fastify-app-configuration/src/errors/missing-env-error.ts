import { SampleKitError } from './sample-kit-error.js'

/** Details of a {@link MissingEnvError}. */
export interface MissingEnvErrorDetails {
  /** The variable that is not set. */
  readonly variable: string
  /** What it is for and where its value comes from. */
  readonly purpose: string
  /** How to get a value, e.g. an `az` command. */
  readonly fix: string
}

/**
 * Thrown at startup when a required variable is unset or empty. The sample stops (exit code 1) instead of
 * starting with a broken configuration.
 *
 * @example
 * ```ts
 * readSampleEnv({}, 'clientId') // throws MissingEnvError for APP_CONFIG_ENDPOINT
 * ```
 */
export class MissingEnvError extends SampleKitError {
  static readonly code = 'UAMI_SAMPLE_ENV_MISSING' as const
  override readonly name = 'MissingEnvError' as const
  readonly code = MissingEnvError.code
  /** The variable that is not set. */
  readonly variable: string

  constructor(details: MissingEnvErrorDetails) {
    super({ what: `${details.variable} is not set.`, why: details.purpose, fix: details.fix })
    this.variable = details.variable
  }
}
