import { SampleKitError } from './sample-kit-error.js'

/** Details of an {@link AppConfigurationUnavailableError}. */
export interface AppConfigurationUnavailableErrorDetails {
  /** The store endpoint. */
  readonly endpoint: string
  /** The HTTP status App Configuration answered. */
  readonly statusCode: number
  /** Seconds until the sample tries again. */
  readonly retryInSeconds: number
}

/**
 * App Configuration answered with a server-side or throttling status (408, 429, 5xx). Not an identity problem:
 * the sample keeps serving the last settings it loaded and tries again on its own.
 *
 * @example
 * ```ts
 * new AppConfigurationUnavailableError({ endpoint, statusCode: 503, retryInSeconds: 30 })
 * ```
 */
export class AppConfigurationUnavailableError extends SampleKitError {
  static readonly code = 'UAMI_SAMPLE_APP_CONFIG_UNAVAILABLE' as const
  override readonly name = 'AppConfigurationUnavailableError' as const
  readonly code = AppConfigurationUnavailableError.code
  /** The store endpoint. */
  readonly endpoint: string
  /** The HTTP status answered. */
  readonly statusCode: number

  constructor(details: AppConfigurationUnavailableErrorDetails, cause?: unknown) {
    super({
      what: `App Configuration at ${details.endpoint} answered HTTP ${details.statusCode}.`,
      why:
        details.statusCode === 429
          ? 'The store is throttling requests (the request quota of its SKU is used up).'
          : 'The service had a temporary problem; this is not an identity or role problem.',
      fix: `Nothing to change in the sample: it serves the last settings it loaded and tries again in ${details.retryInSeconds} s. If it lasts, check the store's Resource health in the Azure portal and https://azure.status.microsoft.`,
      cause,
    })
    this.endpoint = details.endpoint
    this.statusCode = details.statusCode
  }
}

/**
 * Loading or refreshing settings failed for a reason that is neither an identity, role, network nor service
 * status problem (for example a settings value the provider cannot parse). The message carries the provider's
 * own message.
 *
 * @example
 * ```ts
 * new SettingsLoadError({ endpoint, detail: 'The load operation timed out.' })
 * ```
 */
export class SettingsLoadError extends SampleKitError {
  static readonly code = 'UAMI_SAMPLE_SETTINGS_LOAD_FAILED' as const
  override readonly name = 'SettingsLoadError' as const
  readonly code = SettingsLoadError.code
  /** The store endpoint. */
  readonly endpoint: string

  constructor(details: { readonly endpoint: string; readonly detail: string }, cause?: unknown) {
    super({
      what: `Loading settings from App Configuration at ${details.endpoint} failed: ${details.detail}`,
      fix: 'Check the settings in the store (az appconfig kv list --endpoint <endpoint> --auth-mode login) and the sample log; the sample tries again on its own.',
      cause,
    })
    this.endpoint = details.endpoint
  }
}
