import { decodeJwt } from 'jose'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../src/index.ts'
import type { IdentityRecord } from '../src/state/model.ts'
import { fixture, runNodeJson } from './helpers/child.ts'
import { developerCredential, startTestEmulator } from './helpers/emulator.ts'
import { seedHost, seedIdentity } from './helpers/seed.ts'

type Outcome = { ok: true; claims: Record<string, string> } | { ok: false; name: string; message: string }

/** Injected faults as the real SDK clients experience them; the counters prove what went over the wire. */
describe('fault injection observed by real clients', () => {
  let emulator: RunningEmulator
  let identity: IdentityRecord
  let site: string
  let vm: string
  const count = (name: string) => emulator.counters.snapshot()[name] ?? 0
  const miToken = (hostId: string) =>
    runNodeJson<Outcome>(
      fixture('mi-token.mjs'),
      [JSON.stringify({ clientId: identity.clientId })],
      emulator.hostEnv(hostId),
    )

  beforeAll(async () => {
    emulator = await startTestEmulator()
    identity = await seedIdentity(emulator, 'id-faults')
    site = await seedHost(emulator, { kind: 'site', name: 'web-faults', identities: [identity.id] })
    vm = await seedHost(emulator, { kind: 'virtualMachine', name: 'vm-faults', identities: [identity.id] })
  })
  beforeEach(() => {
    emulator.faults.clear()
    emulator.counters.reset()
  })
  afterAll(() => emulator.stop())

  it('a 503 with Retry-After on the App Service endpoint is retried by ManagedIdentityCredential, which then succeeds', async () => {
    const rule = emulator.faults.inject({ endpoint: 'msi', status: 503, retryAfterSeconds: 1, times: 1 })
    const result = await miToken(site)
    expect(result).toMatchObject({ ok: true, claims: { xms_mirid: identity.id } })
    expect(count('msi:token')).toBe(2)
    expect(emulator.faults.list().some((r) => r.id === rule.id)).toBe(false)
  })

  it('a persistent 500 on the App Service endpoint makes ManagedIdentityCredential give up with an error', async () => {
    emulator.faults.inject({ endpoint: 'msi', status: 500 })
    const result = await miToken(site)
    expect(result.ok).toBe(false)
    expect(count('msi:token')).toBeGreaterThan(1)
  })

  it('a connection reset on IMDS is retried by ManagedIdentityCredential, which then succeeds', async () => {
    emulator.faults.inject({ endpoint: 'imds', reset: true, times: 1 })
    const result = await miToken(vm)
    expect(result).toMatchObject({ ok: true, claims: { xms_az_rid: vm } })
    expect(count('imds:token')).toBe(2)
  })

  it('a delay on IMDS is applied and the token still arrives', async () => {
    const rule = emulator.faults.inject({ endpoint: 'imds', delayMs: 200 })
    const result = await miToken(vm)
    expect(result.ok).toBe(true)
    expect(emulator.faults.list().find((r) => r.id === rule.id)?.applied).toBe(1)
  })

  it('a 429 with Retry-After on the Entra token endpoint is retried by ClientSecretCredential', async () => {
    emulator.faults.inject({
      endpoint: 'entra',
      pathContains: '/token',
      status: 429,
      retryAfterSeconds: 1,
      times: 1,
    })
    const token = await developerCredential(emulator).getToken('https://management.azure.com/.default')
    expect(decodeJwt(token.token).oid).toBe(emulator.developer.objectId)
    expect(count('entra:token')).toBe(2)
  })

  it('a connection reset on the Entra token endpoint surfaces as an error when it persists', async () => {
    emulator.faults.inject({ endpoint: 'entra', pathContains: '/token', reset: true })
    await expect(
      developerCredential(emulator).getToken('https://management.azure.com/.default'),
    ).rejects.toThrow()
    expect(count('entra:token')).toBeGreaterThanOrEqual(1)
  })

  it('a fault on one endpoint leaves the others alone', async () => {
    emulator.faults.inject({ endpoint: 'imds', status: 500 })
    const result = await miToken(site)
    expect(result.ok).toBe(true)
    expect(count('imds')).toBe(0)
  })
})
