import type { FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import type { SampleStatus } from '../src/index.ts'
import { buildApp, CLAIMS, FakeSource, IDS, readyStatus } from './helpers.ts'

const FAILED: SampleStatus = {
  state: 'failed',
  attempts: 2,
  nextAttemptAt: '2026-01-01T00:00:10.000Z',
  error: {
    code: 'UAMI_CRED_FORBIDDEN',
    message: 'App Configuration answered 403 Forbidden.',
    fix: `az role assignment create --assignee-object-id ${IDS.objectId} --assignee-principal-type ServicePrincipal --role "App Configuration Data Reader" --scope ${IDS.storeId}`,
    at: '2026-01-01T00:00:06.000Z',
  },
}

let app: FastifyInstance | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

async function inject(status: SampleStatus, url: string, headers: Record<string, string> = {}) {
  const source = new FakeSource(status)
  app = await buildApp(source)
  return app.inject({ method: 'GET', url, headers })
}

describe('sample routes', () => {
  it('starts the status source when the server is ready and stops it when it closes', async () => {
    const source = new FakeSource(readyStatus())
    app = await buildApp(source)
    expect(source.started).toBe(1)
    await app.close()
    app = undefined
    expect(source.stopped).toBe(1)
  })

  it('answers /healthz 200 whatever the settings state', async () => {
    const response = await inject(FAILED, '/healthz')
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ status: 'ok' })
  })

  it('answers /readyz 503 while starting, 503 with the coded error and fix after a failure, 200 once loaded', async () => {
    const starting = await inject({ state: 'starting', attempts: 0 }, '/readyz')
    expect(starting.statusCode).toBe(503)
    expect(starting.json()).toEqual({ status: 'starting', attempts: 0 })
    await app?.close()

    const failed = await inject(FAILED, '/readyz')
    expect(failed.statusCode).toBe(503)
    expect(failed.json()).toMatchObject({
      status: 'failed',
      error: { code: 'UAMI_CRED_FORBIDDEN', fix: FAILED.error?.fix },
    })
    await app?.close()

    const ready = await inject(readyStatus(), '/readyz')
    expect(ready.statusCode).toBe(200)
    expect(ready.json()).toEqual({
      status: 'ready',
      settings: {
        loadedAt: '2026-01-01T00:00:00.000Z',
        lastRefreshedAt: '2026-01-01T00:00:05.000Z',
        freshness: 'fresh',
      },
    })
  })

  it('stays ready with stale settings and says why the refresh failed', async () => {
    const status = readyStatus()
    const stale: SampleStatus = {
      ...status,
      settings: {
        ...(status.settings as NonNullable<SampleStatus['settings']>),
        freshness: 'stale',
        lastRefreshError: { code: 'UAMI_CRED_ENDPOINT_UNREACHABLE', message: 'm', fix: 'f', at: 't' },
      },
    }
    const response = await inject(stale, '/readyz')
    expect(response.statusCode).toBe(200)
    expect(response.json().settings).toMatchObject({
      freshness: 'stale',
      lastRefreshError: { code: 'UAMI_CRED_ENDPOINT_UNREACHABLE' },
    })
  })

  it('serves a setting from memory with its refresh time', async () => {
    const response = await inject(
      readyStatus({ 'Settings:Message': 'Hello', 'Settings:Count': 3 }),
      '/config/Settings:Message',
    )
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      key: 'Settings:Message',
      value: 'Hello',
      loadedAt: '2026-01-01T00:00:00.000Z',
      lastRefreshedAt: '2026-01-01T00:00:05.000Z',
      freshness: 'fresh',
    })
  })

  it('decodes percent-encoded keys, slashes included', async () => {
    const response = await inject(
      readyStatus({ 'app/feature flag': 'on' }),
      `/config/${encodeURIComponent('app/feature flag')}`,
    )
    expect(response.statusCode).toBe(200)
    expect(response.json().value).toBe('on')
  })

  it('answers 404 with UAMI_SAMPLE_KEY_NOT_FOUND for a key that is not loaded (keys are case-sensitive)', async () => {
    const response = await inject(readyStatus(), '/config/settings:message')
    expect(response.statusCode).toBe(404)
    expect(response.json()).toMatchObject({ statusCode: 404, code: 'UAMI_SAMPLE_KEY_NOT_FOUND' })
    expect(response.json().message).toContain('"settings:message"')
  })

  it.each([
    ['a*b', 'a reserved filter character'],
    ['a%2Cb', 'a comma'],
    ['a%5Cb', 'a backslash'],
    ['a%0Ab', 'a line feed'],
    ['a%00b', 'a control character'],
    ['k'.repeat(513), 'a key longer than 512 characters'],
  ])('answers 400 with UAMI_SAMPLE_BAD_REQUEST for %s (%s), never 500', async (key) => {
    const response = await inject(readyStatus(), `/config/${key}`)
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ statusCode: 400, code: 'UAMI_SAMPLE_BAD_REQUEST' })
    expect(response.json().message).toMatch(/^The params is invalid: /)
  })

  it('answers 400, not 500, for a malformed percent-encoding', async () => {
    const response = await inject(readyStatus(), '/config/%E0%A4%A')
    expect(response.statusCode).toBe(400)
  })

  it('answers /config/:key 503 with the start error and its fix before the settings are loaded', async () => {
    const response = await inject(FAILED, '/config/Settings:Message')
    expect(response.statusCode).toBe(503)
    expect(response.json()).toMatchObject({
      code: 'UAMI_SAMPLE_NOT_READY',
      fix: FAILED.error?.fix,
      error: { code: 'UAMI_CRED_FORBIDDEN' },
    })
  })

  it('shows the identifier and the safe claims on /identity, and drops anything else', async () => {
    const status = readyStatus()
    const leaky: SampleStatus = {
      ...status,
      identity: {
        ...(status.identity as NonNullable<SampleStatus['identity']>),
        claims: { ...CLAIMS, token: 'eyJhbGciOi.secret.token' } as never,
      },
    }
    const response = await inject(leaky, '/identity')
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      sample: 'app-service',
      host: 'app-service',
      kind: 'clientId',
      variable: 'AZURE_CLIENT_ID',
      value: IDS.clientId,
      credential: 'ManagedIdentityCredential',
      claims: CLAIMS,
      match: {
        matches: true,
        kind: 'clientId',
        claim: 'appid',
        expected: IDS.clientId,
        received: IDS.clientId,
      },
      checkedAt: '2026-01-01T00:00:00.000Z',
    })
    expect(response.body).not.toContain('eyJ')
  })

  it('answers /identity 503 before a token was obtained', async () => {
    const response = await inject({ state: 'starting', attempts: 0 }, '/identity')
    expect(response.statusCode).toBe(503)
    expect(response.json().code).toBe('UAMI_SAMPLE_NOT_READY')
  })

  it('renders / as HTML with every value escaped and no script', async () => {
    const response = await inject(readyStatus({ '<key>': '<script>alert(1)</script>' }), '/', {
      accept: 'text/html,*/*;q=0.8',
    })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(response.headers['content-security-policy']).toContain("default-src 'none'")
    expect(response.body).not.toContain('<script')
    expect(response.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(response.body).toContain('Test sample &lt;b&gt;with markup&lt;/b&gt;.')
    expect(response.body).toContain(CLAIMS.xms_mirid)
    expect(response.body).toContain('<span class="yes">Match:</span>')
  })

  it('renders the start error and its fix on /', async () => {
    const response = await inject(FAILED, '/')
    expect(response.body).toContain('UAMI_CRED_FORBIDDEN')
    expect(response.body).toContain('--role &quot;App Configuration Data Reader&quot;')
  })

  it('answers / with JSON when the client prefers application/json', async () => {
    const response = await inject(readyStatus(), '/', { accept: 'application/json' })
    expect(response.headers['content-type']).toMatch(/^application\/json/)
    expect(response.json()).toMatchObject({
      sample: { name: 'app-service', identifierKind: 'clientId' },
      state: 'ready',
      ready: true,
      identity: {
        kind: 'clientId',
        variable: 'AZURE_CLIENT_ID',
        value: IDS.clientId,
        credential: 'ManagedIdentityCredential',
        claims: CLAIMS,
      },
      settings: {
        endpoint: 'https://appcs-uami.azconfig.io',
        sentinelKey: 'Settings:Sentinel',
        refreshSeconds: 30,
        values: { 'Settings:Message': 'Hello' },
      },
      errors: [],
    })
  })

  it('answers an unknown route with a JSON 404 listing the routes', async () => {
    const response = await inject(readyStatus(), '/admin')
    expect(response.statusCode).toBe(404)
    expect(response.json()).toMatchObject({
      code: 'UAMI_SAMPLE_ROUTE_NOT_FOUND',
      message: 'No route GET /admin.',
    })
  })
})
