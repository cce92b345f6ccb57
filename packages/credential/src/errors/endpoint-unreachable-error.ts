import { UamiCredentialError } from './uami-credential-error.js'

/** Which endpoint could not be reached. */
export type UnreachableTarget = 'managed-identity-endpoint' | 'service'

/** Details of an `EndpointUnreachableError`. */
export interface EndpointUnreachableErrorDetails {
  /** The managed identity endpoint or the service. */
  readonly target: UnreachableTarget
  /** The endpoint, described without secrets, e.g. `IDENTITY_ENDPOINT` or `https://mystore.azconfig.io`. */
  readonly endpoint: string
  /** The network error code, e.g. `ECONNREFUSED`, when known. */
  readonly errorCode?: string | undefined
  /** Why this happens for this endpoint. */
  readonly why: string
  /** What to do for this endpoint. */
  readonly fix: string
  /** The SDK error. */
  readonly cause?: unknown
}

/**
 * Returned by `explainAuthError` for a network failure (ECONNREFUSED, ENOTFOUND, ETIMEDOUT, ECONNRESET, MSAL's
 * `network_error`, …) reaching the managed identity endpoint or the service.
 *
 * @example
 * ```ts
 * explainAuthError(error).code // 'UAMI_CRED_ENDPOINT_UNREACHABLE'
 * ```
 */
export class EndpointUnreachableError extends UamiCredentialError {
  static readonly code = 'UAMI_CRED_ENDPOINT_UNREACHABLE' as const
  override readonly name = 'EndpointUnreachableError' as const
  readonly code = EndpointUnreachableError.code
  /** Which endpoint could not be reached. */
  readonly target: UnreachableTarget
  /** The endpoint, described. */
  readonly endpoint: string
  /** The network error code, when known. */
  readonly errorCode: string | undefined

  constructor(details: EndpointUnreachableErrorDetails) {
    const what =
      details.target === 'managed-identity-endpoint'
        ? `The managed identity endpoint (${details.endpoint}) could not be reached`
        : `${details.endpoint} could not be reached`
    super({
      what: `${what}${details.errorCode === undefined ? '' : ` (${details.errorCode})`}.`,
      why: details.why,
      fix: details.fix,
      cause: details.cause,
    })
    this.target = details.target
    this.endpoint = details.endpoint
    this.errorCode = details.errorCode
  }
}
