import { UamiCredentialError } from './uami-credential-error.js'

/**
 * Thrown by `describeAccessToken` when the token is not a decodable JWT. The token is never part of the message or
 * the error's fields; only its shape is described.
 *
 * @example
 * ```ts
 * describeAccessToken('not-a-jwt') // throws MalformedTokenError
 * ```
 */
export class MalformedTokenError extends UamiCredentialError {
  static readonly code = 'UAMI_CRED_MALFORMED_TOKEN' as const
  override readonly name = 'MalformedTokenError' as const
  readonly code = MalformedTokenError.code
  /** What is wrong with the token's shape. */
  readonly reason: string

  constructor(details: { readonly reason: string }) {
    super({
      what: `The access token could not be decoded: ${details.reason}.`,
      why: 'An access token from getToken() is a JWT: three base64url parts separated by dots. The token is not shown here.',
      fix: 'Pass the AccessToken that credential.getToken() returned, or its token string.',
    })
    this.reason = details.reason
  }
}
