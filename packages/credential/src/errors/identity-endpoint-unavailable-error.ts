import { UamiCredentialError } from './uami-credential-error.js'

/** Details of an `IdentityEndpointUnavailableError`. */
export interface IdentityEndpointUnavailableErrorDetails {
  /** The HTTP status the managed identity endpoint answered: 429 or 5xx. */
  readonly status: number
  /** The endpoint, described without secrets, e.g. `IDENTITY_ENDPOINT` or `IMDS at 169.254.169.254`. */
  readonly endpoint: string
  /** The SDK error. */
  readonly cause?: unknown
}

/**
 * Returned by `explainAuthError` when the host's managed identity endpoint answered 429 (throttled) or a 5xx status
 * after the SDK's retries: a transient problem of the platform's identity service, not of the identity, the
 * identifier or a role assignment.
 *
 * @example
 * ```ts
 * explainAuthError(error).code // 'UAMI_CRED_IDENTITY_ENDPOINT_UNAVAILABLE'
 * ```
 */
export class IdentityEndpointUnavailableError extends UamiCredentialError {
  static readonly code = 'UAMI_CRED_IDENTITY_ENDPOINT_UNAVAILABLE' as const
  override readonly name = 'IdentityEndpointUnavailableError' as const
  readonly code = IdentityEndpointUnavailableError.code
  /** The HTTP status the endpoint answered. */
  readonly status: number
  /** The endpoint, described. */
  readonly endpoint: string

  constructor(details: IdentityEndpointUnavailableErrorDetails) {
    const throttled = details.status === 429
    super({
      what: `The managed identity endpoint (${details.endpoint}) answered HTTP ${details.status}${throttled ? ' (too many requests)' : ''}, also when the SDK retried.`,
      why: throttled
        ? "The host's identity service is throttling token requests: too many in a short time (IMDS allows a few per second per VM). The identity, the identifier and the role assignments are not the problem."
        : "The host's identity service is failing or restarting. The identity, the identifier and the role assignments are not the problem.",
      fix: throttled
        ? 'Try again after a short wait, and keep one credential instance per app so that tokens come from its cache (the uami samples retry with back-off by themselves).'
        : "Try again after a short wait (the uami samples retry with back-off by themselves); if it lasts, check the host's Resource health in the Azure portal or restart the app.",
      cause: details.cause,
    })
    this.status = details.status
    this.endpoint = details.endpoint
  }
}
