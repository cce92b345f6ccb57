import { IdentityMismatchError } from '../errors/identity-mismatch-error.js'
import { normalizeResourceId } from '../identity/resource-id.js'
import type { IdentitySelector } from '../identity/selector.js'
import { selectorKind, selectorValue } from '../identity/selector.js'
import type { IdentityKind } from '../identity/variables.js'
import type { AccessTokenClaims } from './describe-access-token.js'

/** The outcome of comparing a token's claims with a selector. */
export interface IdentityMatch {
  /** Whether the token belongs to the selected identity. */
  readonly matches: boolean
  /** The selector's kind. */
  readonly kind: IdentityKind
  /** The claim compared: `appid` (v1) or `azp` (v2) for a client ID, `oid` for an object ID, `xms_mirid` for a resource ID. */
  readonly claim: 'appid' | 'azp' | 'oid' | 'xms_mirid'
  /** The selector's value. */
  readonly expected: string
  /** The claim's value, if present. */
  readonly received: string | undefined
}

/**
 * Compares a token's claims with a selector and says which claim proved (or disproved) the match: client ID ↔
 * `appid`/`azp`, object ID ↔ `oid`, resource ID ↔ `xms_mirid`. Comparisons are case-insensitive; resource IDs
 * also ignore `resourcegroups` vs `resourceGroups` and repeated or trailing slashes.
 *
 * @param claims - From `describeAccessToken`.
 * @param selector - The configured identity.
 * @returns The match, the claim used, and both values.
 * @example
 * ```ts
 * const match = matchIdentity(describeAccessToken(token), selector)
 * if (!match.matches) console.error(`${match.claim} is ${match.received}, expected ${match.expected}`)
 * ```
 */
export function matchIdentity(claims: AccessTokenClaims, selector: IdentitySelector): IdentityMatch {
  const kind = selectorKind(selector)
  const expected = selectorValue(selector)
  if (kind === 'clientId') {
    const claim = claims.appid !== undefined ? 'appid' : 'azp'
    const received = claims.appid ?? claims.azp
    return Object.freeze({
      matches: received !== undefined && received.toLowerCase() === expected.toLowerCase(),
      kind,
      claim,
      expected,
      received,
    })
  }
  if (kind === 'objectId') {
    const received = claims.oid
    return Object.freeze({
      matches: received !== undefined && received.toLowerCase() === expected.toLowerCase(),
      kind,
      claim: 'oid',
      expected,
      received,
    })
  }
  const received = claims.xms_mirid
  return Object.freeze({
    matches: received !== undefined && normalizeResourceId(received) === normalizeResourceId(expected),
    kind,
    claim: 'xms_mirid',
    expected,
    received,
  })
}

/**
 * Tells whether a token belongs to the selected identity: the proof `uami doctor` and the samples' `/identity`
 * route show. See {@link matchIdentity} for which claim is compared.
 *
 * @param claims - From `describeAccessToken`.
 * @param selector - The configured identity.
 * @returns `true` when the claim matches the selector.
 * @example
 * ```ts
 * identityMatches(describeAccessToken(token), { objectId }) // true when oid === objectId
 * ```
 */
export function identityMatches(claims: AccessTokenClaims, selector: IdentitySelector): boolean {
  return matchIdentity(claims, selector).matches
}

/**
 * Throws unless a token belongs to the selected identity.
 *
 * @param claims - From `describeAccessToken`.
 * @param selector - The configured identity.
 * @throws {@link IdentityMismatchError} naming the claim, the expected and the received value.
 * @example
 * ```ts
 * assertIdentityMatches(describeAccessToken(token), identityFromEnv())
 * ```
 */
export function assertIdentityMatches(claims: AccessTokenClaims, selector: IdentitySelector): void {
  const match = matchIdentity(claims, selector)
  if (!match.matches) {
    throw new IdentityMismatchError({
      kind: match.kind,
      claim: match.claim,
      expected: match.expected,
      received: match.received,
    })
  }
}
