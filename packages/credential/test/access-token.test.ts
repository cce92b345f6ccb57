import { describe, expect, it } from 'vitest'
import {
  assertIdentityMatches,
  IdentityMismatchError,
  identityMatches,
  MalformedTokenError,
} from '../src/diagnostics.ts'
import { describeAccessToken, matchIdentity } from '../src/index.ts'
import { ATTACHED, DETACHED, TENANT_ID, WEB_APP_ID } from './helpers/ids.ts'
import { fakeJwt } from './helpers/jwt.ts'

const CLAIMS = {
  aud: 'https://appconfig.azure.com',
  iss: `https://sts.windows.net/${TENANT_ID}/`,
  iat: 1_735_689_600,
  nbf: 1_735_689_600,
  exp: 1_735_776_300,
  aio: 'opaque-aio-value',
  appid: ATTACHED.clientId,
  appidacr: '2',
  idtyp: 'app',
  oid: ATTACHED.objectId,
  sub: ATTACHED.objectId,
  tid: TENANT_ID,
  uti: 'opaque-uti-value',
  xms_mirid: ATTACHED.resourceId.replace('/resourceGroups/', '/resourcegroups/'),
  xms_az_rid: WEB_APP_ID,
}

describe('describeAccessToken', () => {
  it('returns only the safe claims, from a token string or an AccessToken', () => {
    const token = fakeJwt(CLAIMS)
    const expected = {
      aud: CLAIMS.aud,
      iat: CLAIMS.iat,
      exp: CLAIMS.exp,
      appid: CLAIMS.appid,
      oid: CLAIMS.oid,
      tid: CLAIMS.tid,
      xms_mirid: CLAIMS.xms_mirid,
      xms_az_rid: CLAIMS.xms_az_rid,
    }
    expect(describeAccessToken(token)).toEqual(expected)
    expect(describeAccessToken({ token, expiresOnTimestamp: Date.now() })).toEqual(expected)
    expect(JSON.stringify(describeAccessToken(token))).not.toContain('opaque')
  })

  it('keeps azp from v2 tokens and an audience list', () => {
    const claims = describeAccessToken(fakeJwt({ azp: ATTACHED.clientId, aud: ['a', 'b'], ver: '2.0' }))
    expect(claims).toEqual({ azp: ATTACHED.clientId, aud: ['a', 'b'] })
  })

  it('drops claims of the wrong type', () => {
    expect(describeAccessToken(fakeJwt({ oid: 42, exp: 'tomorrow', tid: TENANT_ID }))).toEqual({
      tid: TENANT_ID,
    })
  })

  it.each([
    [
      'three parts, payload not JSON',
      'eyJhbGciOiJSUzI1NiJ9.bm90LWpzb24.c2ln',
      'its payload is not base64url-encoded JSON',
    ],
    ['one part', 'opaque-secret-looking-token-value', 'it has 1 dot-separated part, a JWT has 3'],
    ['five parts (JWE)', 'eyJa.eyJb.c.d.e', 'it has 5 dot-separated parts'],
    ['an empty string', '', 'it is empty'],
    ['an empty payload', 'eyJhbGciOiJSUzI1NiJ9..c2ln', 'its header or payload part is empty'],
  ])('refuses %s with a coded error that never echoes the token', (_, token, reason) => {
    try {
      describeAccessToken(token)
      throw new Error('did not throw')
    } catch (error) {
      expect(error).toBeInstanceOf(MalformedTokenError)
      expect(error).toMatchObject({ code: 'UAMI_CRED_MALFORMED_TOKEN' })
      expect((error as Error).message).toContain(reason)
      if (token !== '') {
        expect((error as Error).message).not.toContain(token)
        expect(JSON.stringify(error)).not.toContain(token)
      }
      expect((error as Error).cause).toBeUndefined()
    }
  })

  it.each([[undefined], [42], [{ expiresOnTimestamp: 1 }]])(
    'refuses %o with a coded error, not a TypeError',
    (value) => {
      expect(() => describeAccessToken(value as never)).toThrow(MalformedTokenError)
    },
  )
})

describe('identityMatches', () => {
  const claims = describeAccessToken(fakeJwt(CLAIMS))

  it.each([
    [{ clientId: ATTACHED.clientId }, 'appid', true],
    [{ clientId: ATTACHED.clientId.toUpperCase() }, 'appid', true],
    [{ objectId: ATTACHED.objectId }, 'oid', true],
    [{ objectId: ATTACHED.objectId.toUpperCase() }, 'oid', true],
    [{ resourceId: ATTACHED.resourceId }, 'xms_mirid', true],
    [{ resourceId: ATTACHED.resourceId.toUpperCase() }, 'xms_mirid', true],
    [{ resourceId: `${ATTACHED.resourceId}/` }, 'xms_mirid', true],
    [{ clientId: DETACHED.clientId }, 'appid', false],
    [{ objectId: DETACHED.objectId }, 'oid', false],
    [{ resourceId: DETACHED.resourceId }, 'xms_mirid', false],
  ] as const)('compares %o with the %s claim: %s', (selector, claim, matches) => {
    expect(identityMatches(claims, selector)).toBe(matches)
    expect(matchIdentity(claims, selector)).toMatchObject({ claim, matches })
  })

  it('uses azp for v2 tokens and fails when the claim is missing', () => {
    expect(matchIdentity({ azp: ATTACHED.clientId }, { clientId: ATTACHED.clientId })).toMatchObject({
      claim: 'azp',
      matches: true,
    })
    expect(identityMatches({}, { clientId: ATTACHED.clientId })).toBe(false)
    expect(identityMatches({ oid: ATTACHED.objectId }, { resourceId: ATTACHED.resourceId })).toBe(false)
  })

  it('throws IdentityMismatchError naming the claim, expected and received values', () => {
    expect(() => assertIdentityMatches(claims, { clientId: ATTACHED.clientId })).not.toThrow()
    try {
      assertIdentityMatches(claims, { objectId: DETACHED.objectId })
      throw new Error('did not throw')
    } catch (error) {
      expect(error).toBeInstanceOf(IdentityMismatchError)
      expect(error).toMatchObject({ claim: 'oid', expected: DETACHED.objectId, received: ATTACHED.objectId })
      expect((error as Error).message).toContain(`its oid claim is ${ATTACHED.objectId}`)
    }
  })
})
