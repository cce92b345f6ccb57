import { type ErrorMessageParts, UamiError, UamiErrorBrand } from '@uami/credential/diagnostics'

const brand = new UamiErrorBrand<SampleKitError>('@uami/fastify-app-configuration.error')

/**
 * The stable codes of the errors the sample kit throws. Listed with meaning and fix in
 * {@link sampleKitErrorCatalogue} (with the codes of the samples' HTTP error answers) and the kit's README.
 */
export type SampleKitErrorCode =
  | 'UAMI_SAMPLE_ENV_MISSING'
  | 'UAMI_SAMPLE_ENV_INVALID'
  | 'UAMI_SAMPLE_TWO_IDENTIFIER_KINDS'
  | 'UAMI_SAMPLE_APP_CONFIG_UNAVAILABLE'
  | 'UAMI_SAMPLE_SETTINGS_LOAD_FAILED'

/**
 * The parts every message is made of: *what failed* (naming the variable or service), *why*, *what to do next*
 * (usually the exact command or value) and the underlying error (never serialised: it may carry request details).
 */
export type SampleKitErrorParts = ErrorMessageParts

/**
 * Base class of the sample kit's errors: a stable {@link SampleKitError.code | code}, a
 * {@link SampleKitError.fix | fix}, and a message that reads *what failed. why. what to do next.* It is a
 * `UamiError` from `@uami/credential`, like the credential's own errors. Messages never contain a token, a
 * secret or the `IDENTITY_HEADER` value.
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
export abstract class SampleKitError extends UamiError<SampleKitErrorCode> {
  /** Stable code, e.g. `UAMI_SAMPLE_ENV_INVALID`. */
  abstract override readonly code: SampleKitErrorCode

  /**
   * @param parts - What failed, why, what to do next, and the underlying error.
   */
  constructor(parts: SampleKitErrorParts) {
    super(parts)
    brand.mark(this)
  }
}

/**
 * Tells whether a value is an error thrown by the sample kit, optionally with a given code (works across copies
 * of the package: it checks the registered symbol `Symbol.for('@uami/fastify-app-configuration.error')`).
 *
 * @param error - Any caught value.
 * @param code - When given, the error must also have this code.
 * @returns `true` for a {@link SampleKitError} (with `code`, if given).
 * @example
 * ```ts
 * if (isSampleKitError(error)) reply.code(500).send({ code: error.code })
 * ```
 */
export function isSampleKitError(error: unknown, code?: SampleKitErrorCode): error is SampleKitError {
  return brand.is(error, code)
}
