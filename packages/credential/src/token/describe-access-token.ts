import type { AccessToken } from '@azure/core-auth'
import { decodeJwt } from 'jose'
import { describeType } from '../errors/invalid-option-error.js'
import { MalformedTokenError } from '../errors/malformed-token-error.js'

/**
 * The claims of an access token that are safe to show: they identify the identity, tenant, audience and host,
 * and carry no credential. Absent claims are left out.
 */
export interface AccessTokenClaims {
  /** Object (principal) ID of the identity. */
  readonly oid?: string
  /** Client (application) ID, v1 tokens. */
  readonly appid?: string
  /** Client (application) ID, v2 tokens. */
  readonly azp?: string
  /** Tenant ID. */
  readonly tid?: string
  /** Audience: the resource the token is for, e.g. `https://appconfig.azure.com`. */
  readonly aud?: string | readonly string[]
  /** Resource ID of the managed identity (for a system-assigned identity: the host's ID). */
  readonly xms_mirid?: string
  /** Resource ID of the compute host that requested the token. */
  readonly xms_az_rid?: string
  /** Issued at, seconds since the epoch. */
  readonly iat?: number
  /** Expires at, seconds since the epoch. */
  readonly exp?: number
}

const STRING_CLAIMS = ['oid', 'appid', 'azp', 'tid', 'xms_mirid', 'xms_az_rid'] as const
const NUMBER_CLAIMS = ['iat', 'exp'] as const

function shape(token: string): string {
  const parts = token.split('.')
  if (parts.length !== 3)
    return `it has ${parts.length} dot-separated part${parts.length === 1 ? '' : 's'}, a JWT has 3`
  if (parts.some((part, index) => part === '' && index < 2)) return 'its header or payload part is empty'
  return 'its payload is not base64url-encoded JSON with a claims object'
}

/**
 * Decodes an access token (without verifying it — that is the service's job) and returns only the safe claims:
 * `oid`, `appid`/`azp`, `tid`, `aud`, `xms_mirid`, `xms_az_rid`, `iat`, `exp`. Never returns or logs the token.
 *
 * @param token - The `AccessToken` from `getToken()` (typed `AccessToken | null`), or its `token` string.
 * @returns The safe claims that are present.
 * @throws `MalformedTokenError` when the value is not a decodable JWT; the message describes its shape and never echoes it.
 * @example
 * ```ts
 * const claims = describeAccessToken(await credential.getToken('https://appconfig.azure.com/.default'))
 * console.log(claims.oid, claims.xms_mirid)
 * ```
 */
export function describeAccessToken(token: AccessToken | string | null | undefined): AccessTokenClaims {
  const raw =
    typeof token === 'string' ? token : typeof token === 'object' && token !== null ? token.token : undefined
  if (token === null || token === undefined) {
    throw new MalformedTokenError({
      reason: `there is no token (${String(token)}): getToken() returned none`,
    })
  }
  if (typeof raw !== 'string') {
    throw new MalformedTokenError({
      reason: `expected an AccessToken or a string, received ${typeof token === 'object' && token !== null ? 'an object without a token string' : describeType(token)}`,
    })
  }
  if (raw === '') throw new MalformedTokenError({ reason: 'it is empty' })
  let payload: Record<string, unknown>
  try {
    payload = decodeJwt(raw)
  } catch {
    throw new MalformedTokenError({ reason: shape(raw) })
  }
  const claims: Record<string, unknown> = {}
  for (const name of STRING_CLAIMS) {
    const value = payload[name]
    if (typeof value === 'string') claims[name] = value
  }
  for (const name of NUMBER_CLAIMS) {
    const value = payload[name]
    if (typeof value === 'number' && Number.isFinite(value)) claims[name] = value
  }
  const aud = payload.aud
  if (typeof aud === 'string') claims.aud = aud
  else if (Array.isArray(aud) && aud.every((each) => typeof each === 'string'))
    claims.aud = Object.freeze([...aud])
  return Object.freeze(claims) as AccessTokenClaims
}
