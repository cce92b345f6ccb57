import type { SampleStatus, StatusSource } from '@uami/sample-kit'
import { serverOptions } from '@uami/sample-kit'
import Fastify from 'fastify'
import { afterEach, describe, expect, it, vi } from 'vitest'
import app from '../src/app.ts'
import { readEnv } from '../src/env.ts'

const CLIENT_ID = '7d1f3f2e-8c4b-4f7a-9a51-2b8e6c0d4f11'
// What App Service gives the app; the identity endpoint is a closed loopback port (no token is requested here).
const APP_SERVICE = {
  WEBSITE_SITE_NAME: 'web-uami',
  WEBSITE_RESOURCE_GROUP: 'rg-uami',
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

describe('App Service sample wiring', () => {
  it('chooses its identity by client ID from AZURE_CLIENT_ID and uses ManagedIdentityCredential on App Service', async () => {
    for (const [name, value] of Object.entries(APP_SERVICE)) vi.stubEnv(name, value)
    const env = readEnv({
      ...APP_SERVICE,
      AZURE_CLIENT_ID: CLIENT_ID,
      APP_CONFIG_ENDPOINT: 'https://appcs-uami.azconfig.io',
    })
    expect(env.identity.selector).toEqual({ clientId: CLIENT_ID })
    expect(env.credential).toMatchObject({ host: 'app-service', credentialKind: 'ManagedIdentityCredential' })

    const server = Fastify(serverOptions('silent'))
    servers.push(server)
    await server.register(app, { env, source: STARTING })
    const home = await server.inject({ url: '/', headers: { accept: 'application/json' } })
    expect(home.json()).toMatchObject({
      sample: { name: 'app-service', host: 'app-service', identifierKind: 'clientId' },
      identity: {
        kind: 'clientId',
        variable: 'AZURE_CLIENT_ID',
        value: CLIENT_ID,
        credential: 'ManagedIdentityCredential',
        detectedHost: 'app-service',
      },
    })
  })

  it('refuses AZURE_MANAGED_IDENTITY_RESOURCE_ID next to AZURE_CLIENT_ID', () => {
    expect(() =>
      readEnv({
        AZURE_CLIENT_ID: CLIENT_ID,
        AZURE_MANAGED_IDENTITY_RESOURCE_ID:
          '/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id',
        APP_CONFIG_ENDPOINT: 'https://appcs-uami.azconfig.io',
      }),
    ).toThrow(/^Two identifier kinds at once: this sample chooses its identity by AZURE_CLIENT_ID/)
  })
})
