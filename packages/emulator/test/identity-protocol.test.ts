import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../src/index.ts'
import type { IdentityRecord } from '../src/state/model.ts'
import { startTestEmulator } from './helpers/emulator.ts'
import { seedHost, seedIdentity } from './helpers/seed.ts'

/** Wire-level rules of both protocols, sent as raw requests (the SDKs never send these malformed requests). */
describe('identity endpoints, request rules', () => {
  let emulator: RunningEmulator
  let shop: IdentityRecord
  let other: IdentityRecord
  let siteEnv: Record<string, string>
  let vmEnv: Record<string, string>

  const msi = (
    query: string,
    headers: Record<string, string> = { 'x-identity-header': siteEnv.IDENTITY_HEADER ?? '' },
  ) => fetch(`${siteEnv.IDENTITY_ENDPOINT}?${query}`, { headers })
  const imds = (suffix: string, headers: Record<string, string> = { metadata: 'true' }) =>
    fetch(`${vmEnv.AZURE_POD_IDENTITY_AUTHORITY_HOST}/metadata/identity/oauth2/token${suffix}`, { headers })
  const resource = 'resource=https%3A%2F%2Fappconfig.azure.com'

  beforeAll(async () => {
    emulator = await startTestEmulator()
    shop = await seedIdentity(emulator, 'id-shop')
    other = await seedIdentity(emulator, 'id-other')
    const site = await seedHost(emulator, { kind: 'site', name: 'web', identities: [shop.id, other.id] })
    const vm = await seedHost(emulator, {
      kind: 'virtualMachine',
      name: 'vm',
      identities: [shop.id, other.id],
    })
    siteEnv = emulator.hostEnv(site)
    vmEnv = emulator.hostEnv(vm)
  })
  afterAll(() => emulator.stop())

  describe('App Service protocol', () => {
    it('answers a well-formed request with access_token, expires_on as epoch-seconds string, resource, token_type and client_id', async () => {
      const response = await msi(`api-version=2019-08-01&${resource}%2F.default&client_id=${shop.clientId}`)
      expect(response.status).toBe(200)
      const body = (await response.json()) as Record<string, unknown>
      expect(body).toMatchObject({
        resource: 'https://appconfig.azure.com',
        token_type: 'Bearer',
        client_id: shop.clientId,
      })
      expect(body.expires_on).toMatch(/^\d{10}$/)
      expect(typeof body.access_token).toBe('string')
    })

    it('answers 401 JSON without the X-IDENTITY-HEADER', async () => {
      const response = await msi(`api-version=2019-08-01&${resource}&client_id=${shop.clientId}`, {})
      expect(response.status).toBe(401)
      expect(await response.json()).toMatchObject({
        statusCode: 401,
        message: expect.stringContaining('X-IDENTITY-HEADER'),
      })
    })

    it('answers 401 JSON to a wrong X-IDENTITY-HEADER and never echoes the value sent or expected', async () => {
      const wrong = 'not-the-secret-value-0123456789'
      const response = await msi(`api-version=2019-08-01&${resource}&client_id=${shop.clientId}`, {
        'x-identity-header': wrong,
      })
      expect(response.status).toBe(401)
      const text = await response.text()
      expect(JSON.parse(text)).toHaveProperty('message')
      expect(text).not.toContain(wrong)
      expect(text).not.toContain(siteEnv.IDENTITY_HEADER)
    })

    it('refuses the header of another host', async () => {
      const secondSite = await seedHost(emulator, { kind: 'site', name: 'web-2', identities: [shop.id] })
      const otherHeader = emulator.hostEnv(secondSite).IDENTITY_HEADER ?? ''
      const response = await msi(`api-version=2019-08-01&${resource}&client_id=${shop.clientId}`, {
        'x-identity-header': otherHeader,
      })
      expect(response.status).toBe(401)
    })

    it('answers 400 to a missing or other api-version', async () => {
      for (const query of [`${resource}`, `api-version=2017-09-01&${resource}`]) {
        const response = await msi(`${query}&client_id=${shop.clientId}`)
        expect(response.status).toBe(400)
        expect(await response.json()).toMatchObject({
          statusCode: 400,
          message: expect.stringContaining('2019-08-01'),
        })
      }
    })

    it('answers 400 when the resource is missing', async () => {
      const response = await msi(`api-version=2019-08-01&client_id=${shop.clientId}`)
      expect(response.status).toBe(400)
    })

    it('answers 400 when several identifiers are given, even for the same identity', async () => {
      const response = await msi(
        `api-version=2019-08-01&${resource}&client_id=${shop.clientId}&object_id=${shop.principalId}`,
      )
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({ message: expect.stringContaining('Only one of') })
    })

    it('accepts principal_id as the object ID', async () => {
      const response = await msi(`api-version=2019-08-01&${resource}&principal_id=${other.principalId}`)
      expect(response.status).toBe(200)
      expect(await response.json()).toMatchObject({ client_id: other.clientId })
    })

    it('answers 400 "Unable to load the proper Managed Identity." when no identifier is given and only user-assigned identities are attached', async () => {
      const response = await msi(`api-version=2019-08-01&${resource}`)
      expect(response.status).toBe(400)
      const body = (await response.json()) as Record<string, unknown>
      expect(body).toMatchObject({
        statusCode: 400,
        message: expect.stringMatching(/^Unable to load the proper Managed Identity\./),
      })
      expect(body.correlationId).toEqual(expect.any(String))
    })

    it('answers 400, never 404, for an unknown host key', async () => {
      const url = new URL(siteEnv.IDENTITY_ENDPOINT ?? '')
      url.pathname = '/hdoesnotexist/msi/token'
      const response = await fetch(`${url}?api-version=2019-08-01&${resource}`, {
        headers: { 'x-identity-header': 'x' },
      })
      expect(response.status).toBe(400)
      expect(await response.json()).toHaveProperty('message')
    })

    it('refuses a VM endpoint key on the App Service protocol', async () => {
      const vmKey = new URL(vmEnv.AZURE_POD_IDENTITY_AUTHORITY_HOST ?? '').pathname
      const response = await fetch(
        `${emulator.identityEndpoint}${vmKey}/msi/token?api-version=2019-08-01&${resource}`,
      )
      expect(response.status).toBe(400)
    })
  })

  describe('IMDS', () => {
    const ok = `?api-version=2018-02-01&${resource}&client_id=`

    it('answers with string values, with and without the trailing slash MSAL adds', async () => {
      for (const slash of ['/', '']) {
        const response = await imds(`${slash}${ok}${shop.clientId}`)
        expect(response.status).toBe(200)
        const body = (await response.json()) as Record<string, unknown>
        expect(body).toMatchObject({
          refresh_token: '',
          resource: 'https://appconfig.azure.com',
          token_type: 'Bearer',
        })
        for (const field of ['access_token', 'expires_in', 'expires_on', 'not_before']) {
          expect(typeof body[field]).toBe('string')
        }
      }
    })

    it('answers 400 bad_request_102 without Metadata: true', async () => {
      for (const headers of [{}, { metadata: 'false' }]) {
        const response = await imds(`/${ok}${shop.clientId}`, headers)
        expect(response.status).toBe(400)
        expect(await response.json()).toEqual({
          error: 'bad_request_102',
          error_description: 'Required metadata header not specified',
        })
      }
    })

    it('answers 400 to a request with X-Forwarded-For', async () => {
      const response = await imds(`/${ok}${shop.clientId}`, {
        metadata: 'true',
        'x-forwarded-for': '10.0.0.1',
      })
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({ error: 'invalid_request' })
    })

    it('answers 400 without api-version', async () => {
      const response = await imds(`/?${resource}&client_id=${shop.clientId}`)
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({
        error: 'invalid_request',
        error_description: expect.stringContaining('api-version'),
      })
    })

    it('accepts mi_res_id as well as msi_res_id', async () => {
      for (const parameter of ['msi_res_id', 'mi_res_id']) {
        const response = await imds(
          `/?api-version=2018-02-01&${resource}&${parameter}=${encodeURIComponent(shop.id)}`,
        )
        expect(response.status).toBe(200)
      }
    })

    it('answers 400 when several identifiers are given', async () => {
      const response = await imds(`/${ok}${shop.clientId}&object_id=${shop.principalId}`)
      expect(response.status).toBe(400)
    })

    it('answers 400 invalid_request "Identity not found" for an identity that does not exist', async () => {
      const response = await imds(`/${ok}00000000-0000-0000-0000-000000000000`)
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({
        error: 'invalid_request',
        error_description: expect.stringMatching(/^Identity not found/),
      })
    })

    it('answers 400, never 404, when AZURE_POD_IDENTITY_AUTHORITY_HOST lacks the host key', async () => {
      const response = await fetch(
        `${emulator.identityEndpoint}/metadata/identity/oauth2/token/${ok}${shop.clientId}`,
        {
          headers: { metadata: 'true' },
        },
      )
      expect(response.status).toBe(400)
      expect(await response.json()).toHaveProperty('error_description')
    })

    it('refuses a site endpoint key on IMDS', async () => {
      const siteKey = new URL(siteEnv.IDENTITY_ENDPOINT ?? '').pathname.split('/')[1]
      const response = await fetch(
        `${emulator.identityEndpoint}/${siteKey}/metadata/identity/oauth2/token/${ok}${shop.clientId}`,
        {
          headers: { metadata: 'true' },
        },
      )
      expect(response.status).toBe(400)
    })
  })
})
