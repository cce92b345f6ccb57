import { request } from 'node:http'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { isLoopbackAddress, isLoopbackHost } from '../src/admin/loopback.ts'
import type { RunningEmulator } from '../src/index.ts'
import { developerCredential, startTestEmulator } from './helpers/emulator.ts'

describe('admin API (/_admin on the identity endpoint)', () => {
  let emulator: RunningEmulator
  const admin = (path: string, init: RequestInit = {}) =>
    fetch(`${emulator.identityEndpoint}/_admin${path}`, init)
  const post = (path: string, body: unknown, method = 'POST') =>
    admin(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

  beforeAll(async () => {
    emulator = await startTestEmulator()
  })
  beforeEach(() => {
    emulator.faults.clear()
    emulator.counters.reset()
  })
  afterAll(() => emulator.stop())

  it('reports health with the tenant and endpoints, so tools can tell this emulator from another process', async () => {
    const response = await admin('/health')
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({
      status: 'ok',
      pid: process.pid,
      tenantId: emulator.tenantId,
      armEndpoint: emulator.armEndpoint,
      identityEndpoint: emulator.identityEndpoint,
    })
  })

  it('adds, lists and removes fault rules, and the programmatic injector sees the same rules', async () => {
    const created = await post('/faults', { endpoint: 'entra', status: 503, retryAfterSeconds: 2, times: 1 })
    expect(created.status).toBe(201)
    const rule = (await created.json()) as { id: number }
    expect(rule).toMatchObject({ endpoint: 'entra', status: 503, applied: 0 })
    expect(emulator.faults.list()).toEqual([expect.objectContaining({ id: rule.id })])
    expect(await (await admin('/faults')).json()).toEqual({
      value: [expect.objectContaining({ id: rule.id })],
    })

    await post('/faults', { endpoint: 'msi', reset: true })
    expect((await admin('/faults?endpoint=msi', { method: 'DELETE' })).status).toBe(204)
    expect(emulator.faults.list().map((r) => r.endpoint)).toEqual(['entra'])
    expect((await admin(`/faults/${rule.id}`, { method: 'DELETE' })).status).toBe(204)
    expect(emulator.faults.list()).toEqual([])
    expect((await admin(`/faults/${rule.id}`, { method: 'DELETE' })).status).toBe(404)
  })

  it('refuses invalid fault rules with 400 and the UAMI_EMU_INVALID_FAULT code', async () => {
    const invalid: unknown[] = [
      { endpoint: 'nowhere', status: 500 },
      { endpoint: 'msi', status: 700 },
      { endpoint: 'msi' },
      { endpoint: 'msi', status: '503' },
      { endpoint: 'msi', status: 503, colour: 'red' },
      { endpoint: 'msi', delayMs: -1 },
      [],
    ]
    for (const body of invalid) {
      const response = await post('/faults', body)
      expect(response.status, JSON.stringify(body)).toBe(400)
      expect(await response.json()).toEqual({
        error: { code: 'UAMI_EMU_INVALID_FAULT', message: expect.any(String) },
      })
    }
    expect(emulator.faults.list()).toEqual([])
  })

  it('answers malformed JSON with a 400 JSON error, not a crash', async () => {
    const response = await admin('/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"endpoint":',
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      error: { code: expect.any(String), message: expect.any(String) },
    })
  })

  it('counts requests per endpoint and resets the counters', async () => {
    await developerCredential(emulator).getToken('https://management.azure.com/.default')
    const counters = (await (await admin('/counters')).json()) as Record<string, number>
    expect(counters['entra:token']).toBe(1)
    expect(counters.entra).toBeGreaterThanOrEqual(2) // discovery + token
    expect((await admin('/counters', { method: 'DELETE' })).status).toBe(204)
    expect(await (await admin('/counters')).json()).toEqual({})
  })

  it('does not count its own requests', async () => {
    await admin('/health')
    await admin('/counters')
    expect(emulator.counters.snapshot()).toEqual({})
  })

  it('reads and changes the propagation delay, and refuses anything else', async () => {
    expect(await (await admin('/settings')).json()).toEqual({ propagationDelayMs: 0 })
    const patched = await post('/settings', { propagationDelayMs: 1500 }, 'PATCH')
    expect(patched.status).toBe(200)
    expect(emulator.settings.propagationDelayMs).toBe(1500)
    for (const body of [
      { propagationDelayMs: -5 },
      { propagationDelayMs: 'soon' },
      { appConfigPageSize: 0 },
      { colour: 1 },
    ]) {
      const response = await post('/settings', body, 'PATCH')
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({ error: { code: 'UAMI_EMU_INVALID_SETTINGS' } })
    }
    expect(emulator.settings.propagationDelayMs).toBe(1500)
    await post('/settings', { propagationDelayMs: 0 }, 'PATCH')
  })

  it('refuses a request whose Host header names another site (DNS rebinding)', async () => {
    const { port } = new URL(emulator.identityEndpoint)
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/_admin/health', headers: { host: `evil.example:${port}` } },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on('error', reject)
      req.end()
    })
    expect(status).toBe(403)
  })

  it('accepts only loopback peers and loopback Host names', () => {
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1'].every(isLoopbackAddress)).toBe(true)
    expect(['10.0.0.5', '::ffff:192.168.1.2', undefined].some(isLoopbackAddress)).toBe(false)
    expect(['127.0.0.1:8080', 'localhost:1', '[::1]:99', 'LOCALHOST'].every(isLoopbackHost)).toBe(true)
    expect(['evil.example', '127.0.0.1.nip.io:80', undefined].some(isLoopbackHost)).toBe(false)
  })
})
