import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseEnv } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../src/index.ts'
import { fixture, runNodeJson } from './helpers/child.ts'
import { startCliEmulator } from './helpers/cli.ts'
import { startTestEmulator } from './helpers/emulator.ts'

type Outcome = { ok: true; claims: Record<string, string> } | { ok: false; name: string; message: string }

describe('DefaultAzureCredential on a developer machine', () => {
  let emulator: RunningEmulator
  beforeAll(async () => {
    emulator = await startTestEmulator()
  })
  afterAll(() => emulator.stop())

  it('signs in as the developer through EnvironmentCredential and AZURE_AUTHORITY_HOST, never trying managed identity', async () => {
    emulator.counters.reset()
    const result = await runNodeJson<Outcome>(fixture('dac-token.mjs'), [], {
      AZURE_TENANT_ID: emulator.tenantId,
      AZURE_CLIENT_ID: emulator.developer.clientId,
      AZURE_CLIENT_SECRET: emulator.developer.clientSecret,
      AZURE_AUTHORITY_HOST: emulator.authorityHost,
      AZURE_TOKEN_CREDENTIALS: 'EnvironmentCredential',
      NODE_EXTRA_CA_CERTS: emulator.caCertPath,
    })
    expect(result).toMatchObject({
      ok: true,
      claims: {
        aud: 'https://management.azure.com',
        tid: emulator.tenantId,
        oid: emulator.developer.objectId,
        appid: emulator.developer.clientId,
        idtyp: 'app',
      },
    })
    const counters = emulator.counters.snapshot()
    expect(counters['entra:token']).toBe(1)
    expect(counters.msi ?? 0).toBe(0)
    expect(counters.imds ?? 0).toBe(0)
  })

  it('reports a wrong secret as an authentication error naming AADSTS7000215', async () => {
    const result = await runNodeJson<Outcome>(fixture('dac-token.mjs'), [], {
      AZURE_TENANT_ID: emulator.tenantId,
      AZURE_CLIENT_ID: emulator.developer.clientId,
      AZURE_CLIENT_SECRET: 'wrong',
      AZURE_AUTHORITY_HOST: emulator.authorityHost,
      AZURE_TOKEN_CREDENTIALS: 'EnvironmentCredential',
      NODE_EXTRA_CA_CERTS: emulator.caCertPath,
    })
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('AADSTS7000215') })
  })

  it('works with exactly the developer.env file `uami-emulator start` writes', async () => {
    const root = await mkdtemp(join(tmpdir(), 'uami-dev-env-'))
    const cli = await startCliEmulator(['--state', root])
    try {
      const env = parseEnv(await readFile(join(root, 'developer.env'), 'utf8')) as Record<string, string>
      const result = await runNodeJson<Outcome>(fixture('dac-token.mjs'), [], env)
      expect(result).toMatchObject({
        ok: true,
        claims: { oid: cli.info.developer.objectId, tid: cli.info.tenantId },
      })
    } finally {
      await cli.stop()
      await rm(root, { recursive: true, force: true })
    }
  })
})
