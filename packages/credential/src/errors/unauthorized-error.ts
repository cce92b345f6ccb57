import { UamiCredentialError } from './uami-credential-error.js'

/** Details of an {@link UnauthorizedError}. */
export interface UnauthorizedErrorDetails {
  /** The service, e.g. `App Configuration`. */
  readonly service: string
  /** The service's origin, when known. */
  readonly endpoint?: string | undefined
  /** The token's `aud` claim, when known. */
  readonly audience?: string | undefined
  /** The token's `tid` claim, when known. */
  readonly tenantId?: string | undefined
  /** The audience the service expects, when known. */
  readonly expectedAudience?: string | undefined
  /** The SDK error. */
  readonly cause?: unknown
}

/**
 * Returned by `explainAuthError` for a 401 from a service: it rejected the token — wrong audience, wrong tenant,
 * expired — or received none. The message includes the token's `aud` and `tid` when the context has its claims.
 *
 * @example
 * ```ts
 * explainAuthError(restError401, { claims: describeAccessToken(token) })
 * ```
 */
export class UnauthorizedError extends UamiCredentialError {
  static readonly code = 'UAMI_CRED_UNAUTHORIZED' as const
  override readonly name = 'UnauthorizedError' as const
  readonly code = UnauthorizedError.code
  /** Always 401. */
  readonly statusCode = 401
  /** The service that refused. */
  readonly service: string

  constructor(details: UnauthorizedErrorDetails) {
    const claims = [
      details.audience === undefined ? '' : `aud ${details.audience}`,
      details.tenantId === undefined ? '' : `tid ${details.tenantId}`,
    ]
      .filter(Boolean)
      .join(', ')
    super({
      what: `${details.service} answered 401 Unauthorized${details.endpoint === undefined ? '' : ` (${details.endpoint})`}: it rejected the token${claims === '' ? '' : ` (${claims})`}.`,
      why: 'The token is for another audience, from another tenant than the resource, or expired — or no token was sent.',
      fix: `Check the token's claims with describeAccessToken(): aud must be ${details.expectedAudience ?? "the service's audience (https://appconfig.azure.com for App Configuration)"} and tid the resource's tenant (az account show --query tenantId --output tsv).`,
      cause: details.cause,
    })
    this.service = details.service
  }
}
