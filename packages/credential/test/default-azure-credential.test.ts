import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FakeEntra } from './helpers/entra.ts'
import { LOOPBACK_CERT_PATH, startFakeEntra } from './helpers/entra.ts'
import type { IdentityEndpoint } from './helpers/identity-endpoint.ts'
import { startIdentityEndpoint } from './helpers/identity-endpoint.ts'
import { ATTACHED, TENANT_ID } from './helpers/ids.ts'
import { lastJsonLine, runNode } from './helpers/run-node.ts'

// DefaultAzureCredential on a developer machine, end to end in child processes. No request may leave loopback:
// AZURE_TOKEN_CREDENTIALS narrows the chain, AZURE_AUTHORITY_HOST points at a fake Entra ID on 127.0.0.1, and the
// managed identity steps use IDENTITY_ENDPOINT on 127.0.0.1.

const PROBE = 'test/fixtures/token-probe.mjs'
const DEVELOPER = {
  tenantId: TENANT_ID,
  clientId: 'd0d0d0d0-1111-4222-8333-444444444444',
  clientSecret: 'dev~Secret-For-Tests-Only.0123456789abcdef',
  objectId: 'e1e1e1e1-5555-4666-8777-888888888888',
}

interface Probe {
  ok: boolean
  summary: { host: string; credentialKind: string; disableInstanceDiscovery: boolean; notes: string[] }
  claims?: { azp?: string; oid?: string }
  matches?: boolean
  error?: { code: string; message: string }
}

describe('DefaultAzureCredential on a developer machine', () => {
  let entra: FakeEntra
  let endpoint: IdentityEndpoint
  beforeAll(async () => {
    entra = await startFakeEntra(DEVELOPER)
    endpoint = await startIdentityEndpoint({
      identities: [ATTACHED],
      identityHeader: 'dev-header-3b7e',
      hostResourceId: '/local',
    })
  })
  afterAll(async () => {
    await entra.close()
    await endpoint.close()
  })

  it('signs in against a loopback AZURE_AUTHORITY_HOST with instance discovery disabled', async () => {
    const run = await runNode(PROBE, {
      AZURE_TOKEN_CREDENTIALS: 'EnvironmentCredential',
      AZURE_AUTHORITY_HOST: entra.authorityHost,
      AZURE_TENANT_ID: DEVELOPER.tenantId,
      AZURE_CLIENT_ID: DEVELOPER.clientId,
      AZURE_CLIENT_SECRET: DEVELOPER.clientSecret,
      NODE_EXTRA_CA_CERTS: LOOPBACK_CERT_PATH,
    })
    const probe = lastJsonLine<Probe>(run.stdout)
    expect(probe.error).toBeUndefined()
    expect(probe.summary).toMatchObject({
      host: 'developer-machine',
      credentialKind: 'DefaultAzureCredential',
      disableInstanceDiscovery: true,
    })
    expect(probe.claims).toMatchObject({ azp: DEVELOPER.clientId, oid: DEVELOPER.objectId })
    expect(entra.requests.map((request) => `${request.method} ${request.pathname}`)).toContain(
      `POST /${TENANT_ID}/oauth2/v2.0/token`,
    )
    expect(run.stdout + run.stderr).not.toContain(DEVELOPER.clientSecret)
    for (const token of entra.issuedTokens) expect(run.stdout + run.stderr).not.toContain(token)
  })

  it('passes a resource ID to its managed identity step as managedIdentityResourceId', async () => {
    const before = endpoint.requests.length
    const run = await runNode(PROBE, {
      UAMI_HOST: 'developer-machine',
      AZURE_TOKEN_CREDENTIALS: 'prod',
      IDENTITY_ENDPOINT: endpoint.appServiceEndpoint,
      IDENTITY_HEADER: 'dev-header-3b7e',
      AZURE_MANAGED_IDENTITY_RESOURCE_ID: ATTACHED.resourceId,
    })
    const probe = lastJsonLine<Probe>(run.stdout)
    expect(probe.error).toBeUndefined()
    expect(probe.summary.credentialKind).toBe('DefaultAzureCredential')
    expect(probe.matches).toBe(true)
    expect(endpoint.requests.slice(before).map((request) => request.query.mi_res_id)).toEqual([
      ATTACHED.resourceId,
    ])
  })

  it('cannot pass an object ID (DefaultAzureCredential has no such option) and says so in the summary', async () => {
    const before = endpoint.requests.length
    const run = await runNode(PROBE, {
      UAMI_HOST: 'developer-machine',
      AZURE_TOKEN_CREDENTIALS: 'prod',
      IDENTITY_ENDPOINT: endpoint.appServiceEndpoint,
      IDENTITY_HEADER: 'dev-header-3b7e',
      AZURE_MANAGED_IDENTITY_OBJECT_ID: ATTACHED.objectId,
    })
    const probe = lastJsonLine<Probe>(run.stdout)
    expect(probe.summary.notes.join(' ')).toContain('DefaultAzureCredential has no object-ID option')
    const requests = endpoint.requests.slice(before)
    expect(requests.length).toBeGreaterThan(0)
    for (const request of requests) {
      expect(Object.keys(request.query).sort()).toEqual(['api-version', 'resource'])
    }
    expect(probe.ok).toBe(false)
    expect(probe.error?.code).toBe('UAMI_CRED_IDENTITY_NOT_ATTACHED')
  })
})
