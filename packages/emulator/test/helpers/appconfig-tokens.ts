import { createPublicKey, randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { AccessToken, TokenCredential } from '@azure/identity'
import { generateKeyPair, importJWK, type JWK, type JWTPayload, SignJWT } from 'jose'
import { contextOf } from '../../src/emulator.ts'
import type { RunningEmulator } from '../../src/index.ts'

/** A TokenCredential that always returns `token` (for crafted or pre-minted tokens). */
export function staticCredential(token: string): TokenCredential {
  return {
    async getToken(): Promise<AccessToken> {
      return { token, expiresOnTimestamp: Date.now() + 60 * 60 * 1000, tokenType: 'Bearer' }
    },
  }
}

/**
 * A credential for any principal (object ID): tokens minted by the emulator's own token service, as Entra would
 * issue them to a service principal. Lets a test act as a principal that has no secret in the emulator.
 */
export function principalCredential(emulator: RunningEmulator, principalId: string): TokenCredential {
  const ctx = contextOf(emulator)
  return {
    async getToken(scopes): Promise<AccessToken> {
      const scope = Array.isArray(scopes) ? (scopes[0] as string) : (scopes as string)
      const issued = await ctx.tokens.mintApplicationToken({
        tenantId: emulator.tenantId,
        clientId: randomUUID(),
        objectId: principalId,
        resource: scope.replace(/\/\.default$/, ''),
      })
      return { token: issued.accessToken, expiresOnTimestamp: issued.expiresOn * 1000, tokenType: 'Bearer' }
    },
  }
}

/**
 * How to sign a crafted token: the emulator's key, another RSA key, not at all (`alg: none`), or HS256 keyed with
 * the emulator's PUBLIC key as published in its JWKS, as PEM (the algorithm-confusion attack).
 */
export type CraftedSigner = 'emulator' | 'other-key' | 'none' | 'hs256-public-key'

/**
 * Builds a token with the emulator's claim set for the developer, then applies `claims` overrides; signs it with
 * the emulator's own key from the state directory (valid signature, e.g. for an expired token), with another RSA
 * key (bad signature), not at all (`alg: none`) or with HS256 keyed by the public key ({@link CraftedSigner}).
 */
export async function craftToken(
  emulator: RunningEmulator,
  options: { claims?: JWTPayload; signer?: CraftedSigner } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000)
  const claims: JWTPayload = {
    aud: 'https://appconfig.azure.com',
    iss: `https://sts.windows.net/${emulator.tenantId}/`,
    iat: now,
    nbf: now,
    exp: now + 3600,
    appid: emulator.developer.clientId,
    oid: emulator.developer.objectId,
    sub: emulator.developer.objectId,
    tid: emulator.tenantId,
    idtyp: 'app',
    ver: '1.0',
    ...options.claims,
  }
  const signer = options.signer ?? 'emulator'
  if (signer === 'none') {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
    return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`
  }
  const kid = contextOf(emulator).tokens.kid
  if (signer === 'hs256-public-key') {
    const { kty, n, e } = JSON.parse(
      await readFile(join(emulator.stateDir, 'signing-key.jwk.json'), 'utf8'),
    ) as JWK
    const pem = createPublicKey({ key: { kty, n, e } as Record<string, string>, format: 'jwk' })
      .export({ type: 'spki', format: 'pem' })
      .toString()
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid })
      .sign(new TextEncoder().encode(pem))
  }
  const key =
    signer === 'emulator'
      ? await importJWK(
          JSON.parse(await readFile(join(emulator.stateDir, 'signing-key.jwk.json'), 'utf8')) as JWK,
          'RS256',
        )
      : (await generateKeyPair('RS256')).privateKey
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(key)
}
