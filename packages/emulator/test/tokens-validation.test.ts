import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  decodeJwt,
  decodeProtectedHeader,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  SignJWT,
  UnsecuredJWT,
} from 'jose'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { TokenRejectedError, TokenService } from '../src/tokens/token-service.ts'

const tenantId = '11111111-1111-1111-1111-111111111111'
const audience = 'https://appconfig.azure.com'

describe('TokenService.verify', () => {
  let dir: string
  let service: TokenService
  let valid: string

  const claims = (overrides: JWTPayload = {}): JWTPayload => {
    const now = Math.floor(Date.now() / 1000)
    return {
      aud: audience,
      iss: TokenService.issuer(tenantId),
      tid: tenantId,
      oid: '22222222-2222-2222-2222-222222222222',
      appid: '33333333-3333-3333-3333-333333333333',
      iat: now,
      nbf: now,
      exp: now + 3600,
      ...overrides,
    }
  }
  /** Re-signs `payload` with the service's own key: only the claims differ from a token it issued. */
  let resign: (payload: JWTPayload) => Promise<string>
  const verify = (token: string, audiences = [audience]) => service.verify(token, { tenantId, audiences })
  const rejection = async (token: string, audiences?: string[]) => {
    try {
      await verify(token, audiences)
    } catch (error) {
      expect(error).toBeInstanceOf(TokenRejectedError)
      if (token) expect((error as Error).message).not.toContain(token)
      return (error as TokenRejectedError).reason
    }
    throw new Error('the token was accepted')
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'uami-tokens-'))
    service = await TokenService.open(dir)
    const issued = await service.mintManagedIdentityToken({
      tenantId,
      clientId: '33333333-3333-3333-3333-333333333333',
      principalId: '22222222-2222-2222-2222-222222222222',
      identityResourceId:
        '/subscriptions/s/resourcegroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id',
      hostResourceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/web',
      resource: audience,
    })
    valid = issued.accessToken
    // The signing key is private to the service; the state directory holds it as a JWK (what the service reloads).
    const jwk = JSON.parse(await readFile(join(dir, 'signing-key.jwk.json'), 'utf8')) as JWK
    const key = await importJWK({ ...jwk, alg: 'RS256' }, 'RS256')
    const kid = decodeProtectedHeader(valid).kid ?? ''
    resign = (payload) => new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(key)
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('accepts a token it issued and returns oid, tid, appid and aud', async () => {
    const verified = await verify(valid)
    expect(verified).toMatchObject({
      oid: '22222222-2222-2222-2222-222222222222',
      tid: tenantId,
      appid: '33333333-3333-3333-3333-333333333333',
      aud: audience,
    })
    expect(decodeJwt(valid).exp).toBeGreaterThan(Math.floor(Date.now() / 1000) + 86_000)
  })

  it('still refuses a token it verified before once the token has expired', async () => {
    await expect(verify(valid)).resolves.toBeDefined()
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(Date.now() + 86_700_000 + 120_000)
      expect(await rejection(valid)).toBe('expired')
    } finally {
      vi.useRealTimers()
    }
    await expect(verify(valid)).resolves.toBeDefined()
  })

  it('gives back the token it issued to the same identity, host and audience, as Azure caches; another audience gets another', async () => {
    const request = {
      tenantId,
      clientId: '33333333-3333-3333-3333-333333333333',
      principalId: '22222222-2222-2222-2222-222222222222',
      identityResourceId:
        '/subscriptions/s/resourcegroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id',
      hostResourceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/web',
      resource: audience,
    }
    const again = await service.mintManagedIdentityToken({ ...request, resource: `${audience}/` })
    expect(again.accessToken).toBe(valid)
    const other = await service.mintManagedIdentityToken({ ...request, resource: 'https://vault.azure.net' })
    expect(other.accessToken).not.toBe(valid)
    expect(decodeJwt(other.accessToken).aud).toBe('https://vault.azure.net')
    const otherHost = await service.mintManagedIdentityToken({
      ...request,
      hostResourceId: `${request.hostResourceId}2`,
    })
    expect(otherHost.accessToken).not.toBe(valid)
  })

  it('accepts the audience with /.default, a trailing slash or other casing', async () => {
    await expect(verify(valid, ['https://AppConfig.azure.com/'])).resolves.toBeDefined()
    await expect(verify(valid, ['https://appconfig.azure.com/.default'])).resolves.toBeDefined()
  })

  it('rejects an expired token', async () => {
    const past = Math.floor(Date.now() / 1000) - 7200
    expect(await rejection(await resign(claims({ iat: past, nbf: past, exp: past + 600 })))).toBe('expired')
  })

  it('rejects a token that is not valid yet', async () => {
    const future = Math.floor(Date.now() / 1000) + 7200
    expect(await rejection(await resign(claims({ nbf: future, iat: future, exp: future + 3600 })))).toBe(
      'not-yet-valid',
    )
  })

  it('rejects a token for another audience', async () => {
    expect(await rejection(valid, ['https://management.azure.com'])).toBe('audience')
    expect(await rejection(await resign(claims({ aud: 'https://vault.azure.net' })))).toBe('audience')
  })

  it('rejects a token from another issuer or tenant', async () => {
    expect(await rejection(await resign(claims({ iss: 'https://sts.windows.net/other-tenant/' })))).toBe(
      'issuer',
    )
    expect(
      await rejection(await resign(claims({ iss: `https://login.microsoftonline.com/${tenantId}/v2.0` }))),
    ).toBe('issuer')
  })

  it('rejects a token signed by another key, even with the right kid', async () => {
    const { privateKey } = await generateKeyPair('RS256')
    const kid = decodeProtectedHeader(valid).kid ?? ''
    const forged = await new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey)
    expect(await rejection(forged)).toBe('signature')
  })

  it('rejects a token whose payload was altered after signing', async () => {
    const [header, , signature] = valid.split('.')
    const payload = Buffer.from(JSON.stringify({ ...decodeJwt(valid), oid: 'someone-else' })).toString(
      'base64url',
    )
    expect(await rejection(`${header}.${payload}.${signature}`)).toBe('signature')
  })

  it('rejects an unsigned alg: none token', async () => {
    const unsecured = new UnsecuredJWT(claims()).encode()
    expect(decodeProtectedHeader(unsecured).alg).toBe('none')
    expect(await rejection(unsecured)).toBe('algorithm')
  })

  it('rejects an HS256 token keyed with a guessable secret', async () => {
    const hs = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('a-guessable-shared-secret-of-32b'))
    expect(await rejection(hs)).toBe('algorithm')
  })

  it('rejects a token without oid or tid, and garbage', async () => {
    const { oid: _oid, ...withoutOid } = claims()
    expect(await rejection(await resign(withoutOid))).toBe('claims')
    expect(await rejection('not.a.jwt')).toBe('malformed')
    expect(await rejection('')).toBe('malformed')
  })

  it('keeps validating its tokens after a restart (the key is kept in the state directory)', async () => {
    const reopened = await TokenService.open(dir)
    await expect(reopened.verify(valid, { tenantId, audiences: [audience] })).resolves.toBeDefined()
    expect(reopened.kid).toBe(service.kid)
  })
})
