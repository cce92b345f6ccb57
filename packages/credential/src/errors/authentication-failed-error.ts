import { UamiCredentialError } from './uami-credential-error.js'

/** Details of an {@link AuthenticationFailedError}. */
export interface AuthenticationFailedErrorDetails {
  /** The `AADSTS` code, when the message has one. */
  readonly aadstsCode?: string | undefined
  /** What the SDK said, redacted and shortened. */
  readonly detail: string
  /** Advice for the `AADSTS` code, when known. */
  readonly advice?: string | undefined
  /** The SDK error. */
  readonly cause?: unknown
}

/**
 * Returned by `explainAuthError` when Microsoft Entra ID or the identity endpoint refused to issue a token for a
 * reason the other codes do not cover. It carries the `AADSTS` code when there is one, with advice for the common
 * ones, and a redacted summary of the SDK's message.
 *
 * @example
 * ```ts
 * explainAuthError(new Error('boom')).code // 'UAMI_CRED_AUTHENTICATION_FAILED'
 * ```
 */
export class AuthenticationFailedError extends UamiCredentialError {
  static readonly code = 'UAMI_CRED_AUTHENTICATION_FAILED' as const
  override readonly name = 'AuthenticationFailedError' as const
  readonly code = AuthenticationFailedError.code
  /** The `AADSTS` code, when known. */
  readonly aadstsCode: string | undefined

  constructor(details: AuthenticationFailedErrorDetails) {
    super({
      what: `Getting a token failed${details.aadstsCode === undefined ? '' : ` with ${details.aadstsCode}`}: ${details.detail}`,
      why: 'Microsoft Entra ID or the identity endpoint refused the request.',
      fix:
        details.advice ??
        'Check the tenant ID, the client ID and the requested scope; set AZURE_LOG_LEVEL=info to see what @azure/identity tried.',
      cause: details.cause,
    })
    this.aadstsCode = details.aadstsCode
  }
}
