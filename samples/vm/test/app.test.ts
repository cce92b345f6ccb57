import type { SampleStatus, StatusSource } from '@uami/sample-kit'
import { serverOptions } from '@uami/sample-kit'
import Fastify from 'fastify'
import { afterEach, describe, expect, it, vi } from 'vitest'
import app from '../src/app.ts'
import { readEnv } from '../src/env.ts'

const OBJECT_ID = '3c9a6b1e-5d2f-4e8a-b7c4-9f0e1d2a3b4c'
// What the VM's systemd unit sets, with IMDS on a closed loopback port (no token is requested here).
const VM = {
  AZURE_TOKEN_CREDENTIALS: 'ManagedIdentityCredential',
  AZURE_POD_IDENTITY_AUTHORITY_HOST: 'http://127.0.0.1:9',
}
const STARTING: StatusSource = {
  current: (): SampleStatus => ({ state: 'starting', attempts: 0 }),
  start: () => undefined,
  stop: async () => undefined,
}

const servers: { close(): Promise<unknown> }[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

describe('VM sample wiring', () => {
  it('chooses its identity by object ID from AZURE_MANAGED_IDENTITY_OBJECT_ID and uses ManagedIdentityCredential({ objectId })', async () => {
    for (const [name, value] of Object.entries(VM)) vi.stubEnv(name, value)
    const env = readEnv({
      ...VM,
      AZURE_MANAGED_IDENTITY_OBJECT_ID: OBJECT_ID,
      APP_CONFIG_ENDPOINT: 'https://appcs-uami.azconfig.io',
    })
    expect(env.identity.selector).toEqual({ objectId: OBJECT_ID })
    expect(env.credential).toMatchObject({ host: 'vm', credentialKind: 'ManagedIdentityCredential' })

    const server = Fastify(serverOptions('silent'))
    servers.push(server)
    await server.register(app, { env, source: STARTING })
    const home = await server.inject({ url: '/', headers: { accept: 'application/json' } })
    expect(home.json()).toMatchObject({
      sample: { name: 'vm', host: 'vm', identifierKind: 'objectId' },
      identity: {
        kind: 'objectId',
        variable: 'AZURE_MANAGED_IDENTITY_OBJECT_ID',
        value: OBJECT_ID,
        credential: 'ManagedIdentityCredential',
        detectedHost: 'vm',
      },
    })
  })

  it('says, on a developer machine, that DefaultAzureCredential cannot take an object ID', () => {
    const env = readEnv({
      AZURE_MANAGED_IDENTITY_OBJECT_ID: OBJECT_ID,
      APP_CONFIG_ENDPOINT: 'https://appcs-uami.azconfig.io',
    })
    expect(env.credential.credentialKind).toBe('DefaultAzureCredential')
    expect(env.credential.notes.join(' ')).toContain('DefaultAzureCredential has no object-ID option')
    expect(env.host).toBe('127.0.0.1')
  })

  it('stops with UAMI_CRED_INVALID_GUID naming the variable for a malformed object ID', () => {
    expect(() =>
      readEnv({
        AZURE_MANAGED_IDENTITY_OBJECT_ID: '3c9a6b1e5d2f4e8ab7c49f0e1d2a3b4c',
        APP_CONFIG_ENDPOINT: 'https://appcs-uami.azconfig.io',
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'UAMI_CRED_INVALID_GUID',
        message: expect.stringContaining('AZURE_MANAGED_IDENTITY_OBJECT_ID'),
      }),
    )
  })
})
