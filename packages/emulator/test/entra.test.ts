import { ClientSecretCredential } from '@azure/identity'
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../src/index.ts'
import { developerCredential, startTestEmulator } from './helpers/emulator.ts'

describe('Entra token service', () => {
  let emulator: RunningEmulator
  beforeAll(async () => {
    emulator = await startTestEmulator()
  })
  afterAll(() => emulator.stop())

  it('issues the developer principal a v1 app token through the real ClientSecretCredential', async () => {
    const token = await developerCredential(emulator).getToken('https://management.azure.com/.default')
    const claims = decodeJwt(token.token)
    expect(claims).toMatchObject({
      aud: 'https://management.azure.com',
      iss: `https://sts.windows.net/${emulator.tenantId}/`,
      tid: emulator.tenantId,
      appid: emulator.developer.clientId,
      oid: emulator.developer.objectId,
      idtyp: 'app',
      ver: '1.0',
    })
    expect(token.expiresOnTimestamp).toBeGreaterThan(Date.now() + 30 * 60 * 1000)
  })

  it('refuses a wrong client secret with the AADSTS7000215 error the SDK surfaces', async () => {
    const wrong = new ClientSecretCredential(
      emulator.tenantId,
      emulator.developer.clientId,
      'not-the-secret',
      {
        authorityHost: emulator.authorityHost,
        disableInstanceDiscovery: true,
      },
    )
    await expect(wrong.getToken('https://management.azure.com/.default')).rejects.toThrow(/AADSTS7000215/)
  })

  it('refuses an unknown tenant at discovery, which MSAL reports as endpoints_resolution_error', async () => {
    const wrong = new ClientSecretCredential(
      '00000000-0000-0000-0000-000000000001',
      emulator.developer.clientId,
      emulator.developer.clientSecret,
      { authorityHost: emulator.authorityHost, disableInstanceDiscovery: true },
    )
    await expect(wrong.getToken('https://management.azure.com/.default')).rejects.toThrow(
      /endpoints_resolution_error/,
    )
  })

  it('serves the signing key at the discovery jwks_uri', async () => {
    const discovery = (await (
      await fetch(`${emulator.authorityHost}/${emulator.tenantId}/v2.0/.well-known/openid-configuration`)
    ).json()) as { jwks_uri: string; token_endpoint: string }
    expect(discovery.token_endpoint).toBe(`${emulator.authorityHost}/${emulator.tenantId}/oauth2/v2.0/token`)
    const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: Array<Record<string, unknown>> }
    expect(jwks.keys).toHaveLength(1)
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' })
    expect(jwks.keys[0]).not.toHaveProperty('d')
  })
})
