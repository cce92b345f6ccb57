import { readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { IdentityEndpoint } from './helpers/identity-endpoint.ts'
import { startIdentityEndpoint } from './helpers/identity-endpoint.ts'
import { ATTACHED, DETACHED, VM_ID } from './helpers/ids.ts'
import { runNode } from './helpers/run-node.ts'

// The README's snippets are the files in examples/. They are run here, with the built package, in the
// environment each host sets, against a managed identity endpoint on 127.0.0.1.

const IDENTITY_HEADER = 'examples-header-0a1b2c'

describe('README snippets', () => {
  it('are the files in examples/, verbatim (run `npm run readme:snippets` after editing them)', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    const markers = [...readme.matchAll(/<!-- snippet: (\S+) -->\n+```ts\n([\s\S]*?)```/g)]
    expect(markers.map((match) => match[1])).toEqual([
      'examples/api.ts',
      'examples/app-service.ts',
      'examples/container-apps.ts',
      'examples/vm.ts',
      'examples/any-kind.ts',
      'examples/fastify.ts',
    ])
    for (const [, file, code] of markers) {
      expect(code, file).toBe(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8'))
    }
  })
})

describe('examples', () => {
  let endpoint: IdentityEndpoint
  beforeAll(async () => {
    endpoint = await startIdentityEndpoint({
      identities: [ATTACHED],
      identityHeader: IDENTITY_HEADER,
      hostResourceId: VM_ID,
    })
  })
  afterAll(() => endpoint.close())

  it('app-service.ts gets a token by client ID on App Service', async () => {
    const run = await runNode('examples/app-service.ts', {
      WEBSITE_SITE_NAME: 'web-uami',
      IDENTITY_ENDPOINT: endpoint.appServiceEndpoint,
      IDENTITY_HEADER,
      AZURE_CLIENT_ID: ATTACHED.clientId,
    })
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe(
      `ManagedIdentityCredential on app-service: token for appid ${ATTACHED.clientId}\nIt is the configured identity.\n`,
    )
    expect(run.code).toBe(0)
  })

  it('app-service.ts prints the attach command when the identity is not attached', async () => {
    const run = await runNode('examples/app-service.ts', {
      WEBSITE_SITE_NAME: 'web-uami',
      WEBSITE_RESOURCE_GROUP: 'rg-web',
      IDENTITY_ENDPOINT: endpoint.appServiceEndpoint,
      IDENTITY_HEADER,
      AZURE_CLIENT_ID: DETACHED.clientId,
    })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('UAMI_CRED_IDENTITY_NOT_ATTACHED')
    expect(run.stderr).toContain(
      `az webapp identity assign --resource-group rg-web --name web-uami --identities "$(az identity list --query "[?clientId=='${DETACHED.clientId}'].id" --output tsv)"`,
    )
    expect(run.stderr).not.toContain(IDENTITY_HEADER)
  })

  it('container-apps.ts gets a token by resource ID on Container Apps', async () => {
    const run = await runNode('examples/container-apps.ts', {
      CONTAINER_APP_NAME: 'aca-uami',
      IDENTITY_ENDPOINT: endpoint.appServiceEndpoint,
      IDENTITY_HEADER,
      AZURE_MANAGED_IDENTITY_RESOURCE_ID: ATTACHED.resourceId,
    })
    expect(run.stdout).toContain('ManagedIdentityCredential on container-apps: token for /subscriptions/')
    expect(run.stdout).toContain('It is the configured identity.')
    expect(run.code).toBe(0)
  })

  it('vm.ts gets a token by object ID on a VM', async () => {
    const run = await runNode('examples/vm.ts', {
      AZURE_TOKEN_CREDENTIALS: 'ManagedIdentityCredential',
      AZURE_POD_IDENTITY_AUTHORITY_HOST: endpoint.origin,
      AZURE_MANAGED_IDENTITY_OBJECT_ID: ATTACHED.objectId,
    })
    expect(run.stdout).toBe(
      `ManagedIdentityCredential on vm: token for oid ${ATTACHED.objectId}\nIt is the configured identity.\n`,
    )
    expect(run.code).toBe(0)
  })

  it('vm.ts stops with the variable name when the object ID is malformed', async () => {
    const run = await runNode('examples/vm.ts', {
      AZURE_TOKEN_CREDENTIALS: 'ManagedIdentityCredential',
      AZURE_POD_IDENTITY_AUTHORITY_HOST: endpoint.origin,
      AZURE_MANAGED_IDENTITY_OBJECT_ID: `${ATTACHED.objectId}\r`,
    })
    expect(run.code).not.toBe(0)
    expect(run.stderr).toContain(
      'PastedValueError: AZURE_MANAGED_IDENTITY_OBJECT_ID has a trailing CARRIAGE RETURN',
    )
  })

  it('any-kind.ts reads whichever identity variable is set and prints the summary', async () => {
    const run = await runNode('examples/any-kind.ts', {
      CONTAINER_APP_NAME: 'aca-uami',
      IDENTITY_ENDPOINT: endpoint.appServiceEndpoint,
      IDENTITY_HEADER,
      AZURE_MANAGED_IDENTITY_OBJECT_ID: ATTACHED.objectId,
    })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({
      host: 'container-apps',
      credentialKind: 'ManagedIdentityCredential',
      selector: { kind: 'objectId', value: ATTACHED.objectId, variable: 'AZURE_MANAGED_IDENTITY_OBJECT_ID' },
    })
    expect(run.stdout).not.toContain(IDENTITY_HEADER)
  })

  it('api.ts uses every runtime export of the main entry and prints what each returned', async () => {
    const run = await runNode('examples/api.ts', {})
    expect(run.stderr).toBe('')
    expect(JSON.parse(run.stdout)).toEqual({
      host: 'app-service',
      credentialKind: 'ManagedIdentityCredential',
      credential: 'ManagedIdentityCredential',
      matches: true,
      explained: { code: 'UAMI_CRED_FORBIDDEN', isError: true },
      position: 36,
      codes: 21,
    })
  })

  it('fastify.ts serves the identity summary', async () => {
    vi.stubEnv('UAMI_HOST', 'vm')
    vi.stubEnv('AZURE_MANAGED_IDENTITY_OBJECT_ID', ATTACHED.objectId)
    const example = '../examples/fastify.ts'
    const { buildApp } = (await import(example)) as { buildApp(): Promise<FastifyInstance> }
    const app = await buildApp()
    try {
      const response = await app.inject({ method: 'GET', url: '/identity' })
      expect(response.json()).toEqual({
        host: 'vm',
        credentialKind: 'ManagedIdentityCredential',
        selector: { kind: 'objectId', value: ATTACHED.objectId },
      })
    } finally {
      await app.close()
    }
  })
})
