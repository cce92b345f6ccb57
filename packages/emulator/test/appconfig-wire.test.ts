import { request as httpsRequest } from 'node:https'
import { AppConfigurationClient } from '@azure/app-configuration'
import type { TokenCredential } from '@azure/identity'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_CONFIGURATION_DATA_OWNER, type RunningEmulator } from '../src/index.ts'
import { appConfigArm } from './helpers/appconfig-arm.ts'
import { dataPlaneFetch } from './helpers/appconfig-fetch.ts'
import { developerCredential, startTestEmulator } from './helpers/emulator.ts'

const PROBLEM_JSON = 'application/problem+json; charset=utf-8'

/** A request whose path is sent exactly as given (fetch would normalise `/kv/.`). */
function rawRequest(endpoint: string, method: string, path: string, token: string, body?: string) {
  const url = new URL(endpoint)
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpsRequest(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          text += chunk
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** Wire details the SDK hides, and bad input: always Azure's status and a problem document, never a crash. */
describe('App Configuration wire details and bad input', () => {
  let emulator: RunningEmulator
  let endpoint: string
  let credential: TokenCredential
  let client: AppConfigurationClient
  const call = (path: string, init: Parameters<typeof dataPlaneFetch>[2] = {}) =>
    dataPlaneFetch(endpoint, path, { credential, ...init })
  const put = (path: string, body: string, headers: Record<string, string> = {}) =>
    call(path, { method: 'PUT', body, headers: { 'content-type': 'application/json', ...headers } })

  beforeAll(async () => {
    emulator = await startTestEmulator()
    const arm = appConfigArm(emulator)
    await arm.createResourceGroup('rg-wire')
    const store = await arm.createStore('rg-wire', 'appcs-wire')
    await arm.assignRole(emulator.developer.objectId, APP_CONFIGURATION_DATA_OWNER, store.id)
    endpoint = store.endpoint
    credential = developerCredential(emulator)
    client = new AppConfigurationClient(endpoint, credential)
    await client.setConfigurationSetting({ key: 'wire/a', value: 'a' })
  })
  afterAll(() => emulator.stop())

  it('answers an unescaped reserved character in a filter with 400 invalid-argument in Azure’s shape', async () => {
    const response = await call('/kv?key=wire%2Fa*b&api-version=2023-11-01')
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toBe(PROBLEM_JSON)
    expect(response.body).toEqual({
      type: 'https://azconfig.io/errors/invalid-argument',
      title: "Invalid request parameter 'key'",
      name: 'key',
      detail: 'key(6): Invalid character',
      pos: 6,
      status: 400,
    })
  })

  it('refuses more than five values in a comma list filter', async () => {
    const response = await call('/kv?label=a,b,c,d,e,f')
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({
      name: 'label',
      detail: 'label(0): Too many values. Maximum supported is 5',
    })
  })

  it('refuses a tag filter without a value separator', async () => {
    const response = await call('/kv?tags=novalue')
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({ type: 'https://azconfig.io/errors/invalid-argument', name: 'tags' })
  })

  it('refuses a PUT body that is not JSON, not an object, or has a non-string value', async () => {
    for (const [body, name] of [
      ['{"value": ', 'body'],
      ['[1, 2]', 'body'],
      ['', 'body'],
      ['{"value": 42}', 'value'],
      ['{"value": "v", "tags": {"t": 1}}', 'tags'],
      ['{"value": "v", "content_type": ["x"]}', 'content_type'],
    ] as const) {
      const response = await put('/kv/wire%2Fbody', body)
      expect(response.status, body).toBe(400)
      expect(response.headers.get('content-type')).toBe(PROBLEM_JSON)
      expect(response.body).toMatchObject({ type: 'https://azconfig.io/errors/invalid-argument', name })
    }
  })

  it('accepts the key-value media type and ignores fields it does not model (older SDKs send key and etag)', async () => {
    const response = await put(
      '/kv/wire%2Fmedia?label=l',
      JSON.stringify({ key: 'ignored', label: 'ignored', etag: 'x', value: 'v' }),
      { 'content-type': 'application/vnd.microsoft.appconfig.kv+json' },
    )
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ key: 'wire/media', label: 'l', value: 'v', locked: false })
    expect(response.body.last_modified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/)
  })

  it('refuses keys App Configuration does not allow: containing %, or . and ..', async () => {
    const percent = await put('/kv/wire%25percent', '{"value":"v"}')
    expect(percent.status).toBe(400)
    expect(percent.body).toMatchObject({ name: 'key' })
    const token = (await credential.getToken('https://appconfig.azure.com/.default'))?.token as string
    for (const key of ['.', '..']) {
      const response = await rawRequest(endpoint, 'PUT', `/kv/${key}`, token, '{"value":"v"}')
      expect(response.status, key).toBe(400)
      expect(JSON.parse(response.body)).toMatchObject({ name: 'key' })
    }
  })

  it('refuses malformed percent-encoding in the key and control characters in the label', async () => {
    expect((await call('/kv/wire%E0%A4%A')).status).toBe(400)
    const label = await put('/kv/wire%2Flabel?label=%01', '{"value":"v"}')
    expect(label.status).toBe(400)
    expect(label.body).toMatchObject({ name: 'label' })
  })

  it('refuses a key-value over 10 KB and an oversized body with 413 problem+json', async () => {
    const big = await put('/kv/wire%2Fbig', JSON.stringify({ value: 'x'.repeat(11 * 1024) }))
    expect(big.status).toBe(413)
    expect(big.headers.get('content-type')).toBe(PROBLEM_JSON)
    expect(big.body.detail).toMatch(/10240 bytes per key-value/)
    const huge = await put('/kv/wire%2Fhuge', JSON.stringify({ value: 'x'.repeat(200 * 1024) }))
    expect(huge.status).toBe(413)
    expect(huge.headers.get('content-type')).toBe(PROBLEM_JSON)
  })

  it('answers unsupported methods with 405 and unknown paths with a 404 problem', async () => {
    const post = await call('/kv/wire%2Fa', { method: 'POST', body: '{}' })
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET, HEAD, PUT, DELETE')
    const unknown = await call('/nothing-here')
    expect(unknown.status).toBe(404)
    expect(unknown.headers.get('content-type')).toBe(PROBLEM_JSON)
  })

  it('answers 304 and 412 to conditional requests on the raw wire with empty bodies', async () => {
    const current = await call('/kv/wire%2Fa')
    const etag = current.headers.get('etag') as string
    const notModified = await call('/kv/wire%2Fa', { headers: { 'if-none-match': etag } })
    expect(notModified.status).toBe(304)
    expect(notModified.text).toBe('')
    expect(notModified.headers.get('etag')).toBe(etag)
    expect(notModified.headers.get('sync-token')).toBeTruthy()
    const failed = await call('/kv/wire%2Fa', { headers: { 'if-match': '"stale"' } })
    expect(failed.status).toBe(412)
    const missing = await call('/kv/wire%2Fmissing')
    expect(missing.status).toBe(404)
    expect(missing.text).toBe('')
  })

  it('answers HEAD with the headers of GET and no body, as checkConfigurationSettings uses it', async () => {
    const head = await call('/kv/wire%2Fa', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/)
    expect(head.text).toBe('')
    const pages = []
    for await (const page of client.checkConfigurationSettings({ keyFilter: 'wire/*' }).byPage())
      pages.push(page)
    expect(pages).toHaveLength(1)
    expect(pages[0]?.etag).toMatch(/^"?[\w-]+"?$/)
  })

  it('answers snapshot requests as not found (snapshots are not emulated), which the provider treats as empty', async () => {
    await expect(client.getSnapshot('nightly')).rejects.toMatchObject({ statusCode: 404 })
    const list = await call('/snapshots?api-version=2023-11-01')
    expect(list.body).toEqual({ items: [] })
    const settings = await call('/kv?snapshot=nightly')
    expect(settings.status).toBe(404)
  })

  it('keeps serving normal requests after bad ones', async () => {
    expect((await client.getConfigurationSetting({ key: 'wire/a' })).value).toBe('a')
  })
})
