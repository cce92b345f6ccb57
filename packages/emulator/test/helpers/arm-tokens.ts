import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { importJWK, type JWK, type JWTPayload, SignJWT } from 'jose'
import type { RunningEmulator } from '../../src/index.ts'

/**
 * Signs a token with the emulator's own signing key (read from its state directory), for the token shapes its
 * token service never issues: expired ones, or ones from another issuer. Everything else in the tests gets its
 * tokens from the real credentials.
 */
export async function signWithEmulatorKey(
  emulator: RunningEmulator,
  claims: JWTPayload & { iss: string; aud: string; iat: number; exp: number },
): Promise<string> {
  const jwk = JSON.parse(await readFile(join(emulator.stateDir, 'signing-key.jwk.json'), 'utf8')) as JWK
  const key = await importJWK({ ...jwk, alg: 'RS256' }, 'RS256')
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT' }).sign(key)
}
