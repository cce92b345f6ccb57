import type { SampleStatus, StatusSource } from '@uami/sample-kit'
import { serverOptions } from '@uami/sample-kit'
import Fastify from 'fastify'
import { afterEach, describe, expect, it, vi } from 'vitest'
import app from '../src/app.ts'
import { readEnv } from '../src/env.ts'

const RESOURCE_ID =
  '/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/resourceGroups/rg-uami/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-uami'
// What Container Apps gives the container; the identity endpoint is a closed loopback port (no token is requested).
const CONTAINER_APPS = {
  CONTAINER_APP_NAME: 'ca-uami',
  IDENTITY_ENDPOINT: 'http://127.0.0.1:9/msi/token',
  IDENTITY_HEADER: 'test-header',
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

describe('Container Apps sample wiring', () => {
  it('chooses its identity by resource ID from AZURE_MANAGED_IDENTITY_RESOURCE_ID on Container Apps', async () => {
    for (const [name, value] of Object.entries(CONTAINER_APPS)) vi.stubEnv(name, value)
    const env = readEnv({
      ...CONTAINER_APPS,
      AZURE_MANAGED_IDENTITY_RESOURCE_ID: RESOURCE_ID,
      APP_CONFIG_ENDPOINT: 'https://appcs-uami.azconfig.io',
    })
    expect(env.identity.selector).toEqual({ resourceId: RESOURCE_ID })
    expect(env.credential).toMatchObject({
      host: 'container-apps',
      credentialKind: 'ManagedIdentityCredential',
    })
    expect(env.host).toBe('0.0.0.0')

    const server = Fastify(serverOptions('silent'))
    servers.push(server)
    await server.register(app, { env, source: STARTING })
    const home = await server.inject({ url: '/', headers: { accept: 'application/json' } })
    expect(home.json()).toMatchObject({
      sample: { name: 'container-apps', host: 'container-apps', identifierKind: 'resourceId' },
      identity: {
        kind: 'resourceId',
        variable: 'AZURE_MANAGED_IDENTITY_RESOURCE_ID',
        value: RESOURCE_ID,
        detectedHost: 'container-apps',
      },
    })
  })

  it('refuses a resource ID that names the container app instead of the identity', () => {
    expect(() =>
      readEnv({
        AZURE_MANAGED_IDENTITY_RESOURCE_ID:
          '/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/resourceGroups/rg-uami/providers/Microsoft.App/containerApps/ca-uami',
        APP_CONFIG_ENDPOINT: 'https://appcs-uami.azconfig.io',
      }),
    ).toThrow(expect.objectContaining({ code: 'UAMI_CRED_NOT_A_USER_ASSIGNED_IDENTITY' }))
  })

  it("leaves AZURE_CLIENT_ID alone when it is a developer service principal's, and refuses it otherwise", () => {
    const base = {
      AZURE_MANAGED_IDENTITY_RESOURCE_ID: RESOURCE_ID,
      APP_CONFIG_ENDPOINT: 'https://appcs-uami.azconfig.io',
    }
    const clientId = '7d1f3f2e-8c4b-4f7a-9a51-2b8e6c0d4f11'
    expect(
      readEnv({ ...base, AZURE_CLIENT_ID: clientId, AZURE_CLIENT_SECRET: 'dev-secret' }).identity.kind,
    ).toBe('resourceId')
    expect(() => readEnv({ ...base, AZURE_CLIENT_ID: clientId })).toThrow(
      expect.objectContaining({ code: 'UAMI_SAMPLE_TWO_IDENTIFIER_KINDS' }),
    )
  })
})
