import { Writable } from 'node:stream'
import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity'
import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { IdentityNotSetError, InvalidSelectorError } from '../src/diagnostics.ts'
import uamiCredentialDefault, { uamiCredential } from '../src/fastify.ts'
import type { IdentityKind } from '../src/index.ts'
import { ATTACHED } from './helpers/ids.ts'

const IDENTITY_HEADER = 'fastify-test-header-5e6f'
const APP_SERVICE = {
  WEBSITE_SITE_NAME: 'web-uami',
  IDENTITY_ENDPOINT: 'http://127.0.0.1:1/msi/token',
  IDENTITY_HEADER,
  AZURE_CLIENT_ID: ATTACHED.clientId,
}

describe('uamiCredential Fastify plugin', () => {
  it('decorates the instance with the credential and the identity summary', async () => {
    const app = Fastify()
    await app.register(uamiCredential, { env: APP_SERVICE })
    app.get('/identity', async () => ({ identity: app.azureIdentity }))
    await app.ready()
    try {
      expect(app.azureCredential).toBeInstanceOf(ManagedIdentityCredential)
      const kind: IdentityKind = app.azureIdentity.selector.kind
      expect(kind).toBe('clientId')
      const response = await app.inject({ method: 'GET', url: '/identity' })
      expect(response.json()).toMatchObject({
        identity: {
          host: 'app-service',
          credentialKind: 'ManagedIdentityCredential',
          selector: { kind: 'clientId', value: ATTACHED.clientId, variable: 'AZURE_CLIENT_ID' },
        },
      })
      expect(response.body).not.toContain(IDENTITY_HEADER)
    } finally {
      await app.close()
    }
  })

  it('is not encapsulated: routes in child plugins see the decorators', async () => {
    const app = Fastify()
    await app.register(uamiCredentialDefault, {
      env: { AZURE_MANAGED_IDENTITY_OBJECT_ID: ATTACHED.objectId },
    })
    await app.register(async (child) => {
      child.get('/kind', async () => child.azureIdentity.credentialKind)
    })
    try {
      expect(app.azureCredential).toBeInstanceOf(DefaultAzureCredential)
      expect((await app.inject({ method: 'GET', url: '/kind' })).body).toBe('DefaultAzureCredential')
      expect(app.hasDecorator('azureCredential')).toBe(true)
    } finally {
      await app.close()
    }
  })

  it('stops the app at startup with a coded error when the identity is missing', async () => {
    const app = Fastify()
    app.register(uamiCredential, { env: { WEBSITE_SITE_NAME: 'web-uami' } })
    await expect(app.ready()).rejects.toBeInstanceOf(IdentityNotSetError)
    await app.close()
  })

  it('refuses a string selector (ERRATA #1) at startup', async () => {
    const app = Fastify()
    app.register(uamiCredential, { env: {}, host: 'vm', selector: ATTACHED.resourceId as never })
    await expect(app.ready()).rejects.toBeInstanceOf(InvalidSelectorError)
    await app.close()
  })

  it('logs the choice once through fastify.log, without secrets', async () => {
    const lines: string[] = []
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(chunk.toString())
        callback()
      },
    })
    const app = Fastify({ logger: { level: 'info', stream } })
    await app.register(uamiCredential, { env: APP_SERVICE })
    await app.ready()
    await app.close()
    const ready = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === 'azure credential ready')
    expect(ready).toEqual([
      expect.objectContaining({
        host: 'app-service',
        credentialKind: 'ManagedIdentityCredential',
        selector: { kind: 'clientId', value: ATTACHED.clientId },
      }),
    ])
    expect(lines.join('')).not.toContain(IDENTITY_HEADER)
  })
})
