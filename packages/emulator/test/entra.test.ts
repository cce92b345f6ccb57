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

  it('serves the adfs discovery form and token endpoint the Azure CLI uses (tenant adfs)', async () => {
    const discovery = (await (
      await fetch(`${emulator.authorityHost}/adfs/.well-known/openid-configuration`)
    ).json()) as {
      issuer: string
      token_endpoint: string
    }
    expect(discovery.token_endpoint).toBe(`${emulator.authorityHost}/adfs/oauth2/v2.0/token`)
    const response = await fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: emulator.developer.clientId,
        client_secret: emulator.developer.clientSecret,
        scope: 'https://management.azure.com//.default offline_access openid profile',
      }),
    })
    expect(response.status).toBe(200)
    const body = (await response.json()) as { access_token: string; token_type: string }
    expect(body.token_type).toBe('Bearer')
    expect(decodeJwt(body.access_token)).toMatchObject({
      tid: emulator.tenantId,
      oid: emulator.developer.objectId,
    })
  })

  it('answers the v1 token endpoint with resource, expires_on and a token for that resource', async () => {
    const response = await fetch(`${emulator.authorityHost}/${emulator.tenantId}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: emulator.developer.clientId,
        client_secret: emulator.developer.clientSecret,
        resource: 'https://management.azure.com/',
      }),
    })
    const body = (await response.json()) as { access_token: string; expires_on: string; resource: string }
    expect(body.expires_on).toMatch(/^\d{10}$/)
    expect(decodeJwt(body.access_token).aud).toBe('https://management.azure.com')
  })

  it('refuses grants other than client_credentials and requests without a /.default scope', async () => {
    const post = (form: Record<string, string>) =>
      fetch(`${emulator.authorityHost}/${emulator.tenantId}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: emulator.developer.clientId,
          client_secret: emulator.developer.clientSecret,
          ...form,
        }),
      })
    const password = await post({ grant_type: 'password', scope: 'https://management.azure.com/.default' })
    expect(password.status).toBe(400)
    expect(await password.json()).toMatchObject({ error: 'unsupported_grant_type' })
    const noDefault = await post({
      grant_type: 'client_credentials',
      scope: 'https://management.azure.com/user_impersonation',
    })
    expect(noDefault.status).toBe(400)
    expect(await noDefault.json()).toMatchObject({ error: 'invalid_scope' })
  })
})
