import { randomUUID } from 'node:crypto'
import { AppConfigurationClient } from '@azure/app-configuration'
import type { RestError } from '@azure/core-rest-pipeline'
import type { JWTPayload } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_CONFIGURATION_DATA_OWNER, type RunningEmulator } from '../src/index.ts'
import { appConfigArm } from './helpers/appconfig-arm.ts'
import { dataPlaneFetch } from './helpers/appconfig-fetch.ts'
import { type CraftedSigner, craftToken, staticCredential } from './helpers/appconfig-tokens.ts'
import { developerCredential, startTestEmulator } from './helpers/emulator.ts'

const INVALID_TOKEN_CHALLENGE = /^HMAC-SHA256, Bearer error="invalid_token", error_description="[^"]+"$/

/** Bearer validation on a store's data plane: what a caller with a missing or bad token gets back. */
describe('App Configuration authentication', () => {
  let emulator: RunningEmulator
  let store: { id: string; endpoint: string }
  const now = () => Math.floor(Date.now() / 1000)

  beforeAll(async () => {
    emulator = await startTestEmulator()
    const arm = appConfigArm(emulator)
    await arm.createResourceGroup('rg-auth')
    store = await arm.createStore('rg-auth', 'appcs-auth')
    await arm.assignRole(emulator.developer.objectId, APP_CONFIGURATION_DATA_OWNER, store.id)
    await new AppConfigurationClient(store.endpoint, developerCredential(emulator)).setConfigurationSetting({
      key: 'auth/a',
      value: 'ok',
    })
  })
  afterAll(() => emulator.stop())

  it('answers a request without Authorization with 401 and WWW-Authenticate: HMAC-SHA256, Bearer', async () => {
    const response = await dataPlaneFetch(store.endpoint, '/kv/auth%2Fa?api-version=2023-11-01', {
      authorization: null,
    })
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toBe('HMAC-SHA256, Bearer')
    expect(response.body.error.code).toBe('Unauthorized')
  })

  const badTokens: Array<{
    kind: string
    claims?: () => JWTPayload
    signer?: CraftedSigner
    code: string
    message: RegExp
  }> = [
    {
      kind: 'an expired token',
      claims: () => ({ iat: now() - 7200, nbf: now() - 7200, exp: now() - 3600 }),
      code: 'ExpiredAuthenticationToken',
      message: /has expired/,
    },
    {
      kind: 'a token that is not valid yet',
      claims: () => ({ nbf: now() + 3600, exp: now() + 7200 }),
      code: 'InvalidAuthenticationToken',
      message: /not valid yet/,
    },
    {
      kind: 'a token for another audience',
      claims: () => ({ aud: 'https://management.azure.com' }),
      code: 'InvalidAuthenticationToken',
      message: /issued for audience/,
    },
    {
      kind: 'a token from another tenant',
      claims: () => ({ iss: `https://sts.windows.net/${randomUUID()}/` }),
      code: 'InvalidAuthenticationTokenTenant',
      message: /wrong issuer/,
    },
    {
      kind: 'a token signed by another key',
      signer: 'other-key',
      code: 'InvalidAuthenticationToken',
      message: /signature is invalid/,
    },
    {
      kind: 'an unsigned (alg: none) token',
      signer: 'none',
      code: 'InvalidAuthenticationToken',
      message: /not signed with RS256/,
    },
    {
      kind: 'an HS256 token keyed with the published public key (algorithm confusion)',
      signer: 'hs256-public-key',
      code: 'InvalidAuthenticationToken',
      message: /not signed with RS256/,
    },
    {
      kind: 'a token without an oid',
      claims: () => ({ oid: undefined }),
      code: 'InvalidAuthenticationToken',
      message: /no oid/,
    },
  ]

  for (const bad of badTokens) {
    it(`refuses ${bad.kind} with 401, an invalid_token challenge without claims=, and ${bad.code}`, async () => {
      const token = await craftToken(emulator, {
        ...(bad.claims ? { claims: bad.claims() } : {}),
        ...(bad.signer ? { signer: bad.signer } : {}),
      })
      const client = new AppConfigurationClient(store.endpoint, staticCredential(token), {
        retryOptions: { maxRetries: 0 },
      })
      const error = (await client
        .getConfigurationSetting({ key: 'auth/a' })
        .catch((e: unknown) => e)) as RestError
      expect(error.statusCode).toBe(401)
      expect(error.code).toBe(bad.code)
      expect(error.message).toMatch(bad.message)
      const challenge = error.response?.headers.get('www-authenticate') ?? ''
      expect(challenge).toMatch(INVALID_TOKEN_CHALLENGE)
      expect(challenge).not.toContain('claims=')
      expect(error.message).not.toContain(token)
    })
  }

  it('refuses a value that is not a JWT with 401', async () => {
    const response = await dataPlaneFetch(store.endpoint, '/kv/auth%2Fa', {
      authorization: 'Bearer not-a-jwt',
    })
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toMatch(INVALID_TOKEN_CHALLENGE)
    expect(response.body.error.message).toMatch(/not a well-formed JWT/)
  })

  it('names the audience it accepts when a token was issued for another one', async () => {
    const token = await craftToken(emulator, { claims: { aud: 'https://vault.azure.net' } })
    const response = await dataPlaneFetch(store.endpoint, '/kv/auth%2Fa', {
      authorization: `Bearer ${token}`,
    })
    expect(response.body.error.message).toContain("audience 'https://vault.azure.net'")
    expect(response.body.error.message).toContain('https://appconfig.azure.com/.default')
  })

  it('refuses a connection string (HMAC access key) with 401 and says access keys are not emulated', async () => {
    const secret = Buffer.from('not-a-real-secret').toString('base64')
    const client = new AppConfigurationClient(`Endpoint=${store.endpoint};Id=key-id;Secret=${secret}`, {
      retryOptions: { maxRetries: 0 },
    })
    const error = (await client
      .getConfigurationSetting({ key: 'auth/a' })
      .catch((e: unknown) => e)) as RestError
    expect(error.statusCode).toBe(401)
    expect(error.message).toMatch(/Access keys .* are not emulated/)
  })

  for (const [name, audience] of [
    ['https://appconfig.azure.com (current SDKs)', undefined],
    ['https://azconfig.io', 'https://azconfig.io'],
    ["the store's own origin (older SDKs ask for {endpoint}/.default)", 'store-origin'],
    ['https://{store name}.azconfig.io', 'https://appcs-auth.azconfig.io'],
  ] as const) {
    it(`accepts a token for ${name}`, async () => {
      const option = audience === 'store-origin' ? store.endpoint : audience
      const client = new AppConfigurationClient(store.endpoint, developerCredential(emulator), {
        ...(option === undefined ? {} : { audience: option }),
      })
      expect((await client.getConfigurationSetting({ key: 'auth/a' })).value).toBe('ok')
    })
  }
})

describe('App Configuration logging', () => {
  it('never writes the bearer token to the emulator log', async () => {
    const lines: string[] = []
    const emulator = await startTestEmulator({
      logger: { level: 'trace', stream: { write: (line: string) => lines.push(line) } },
    })
    try {
      const arm = appConfigArm(emulator)
      await arm.createResourceGroup('rg-log')
      const store = await arm.createStore('rg-log', 'appcs-log')
      const token = (await developerCredential(emulator).getToken('https://appconfig.azure.com/.default'))
        .token
      const expired = await craftToken(emulator, { claims: { exp: Math.floor(Date.now() / 1000) - 3600 } })
      for (const bearer of [token, expired]) {
        const response = await dataPlaneFetch(store.endpoint, '/kv?key=*', {
          authorization: `Bearer ${bearer}`,
        })
        expect([401, 403]).toContain(response.status)
      }
      const log = lines.join('')
      expect(log).toContain('/kv?key=*')
      expect(log).not.toContain(token)
      expect(log).not.toContain(expired)
      expect(log).not.toContain(token.split('.')[2] as string)
    } finally {
      await emulator.stop()
    }
  })
})
