import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IdentityEndpoint } from './helpers/identity-endpoint.ts'
import { closedLoopbackPort, startIdentityEndpoint } from './helpers/identity-endpoint.ts'
import { ATTACHED, CONTAINER_APP_ID, DETACHED, VM_ID, WEB_APP_ID } from './helpers/ids.ts'
import { lastJsonLine, runNode } from './helpers/run-node.ts'

// End to end: the real ManagedIdentityCredential that createCredential builds, in a child process per host
// environment (MSAL's source and cache are static per process), against a managed identity endpoint on 127.0.0.1.

const IDENTITY_HEADER = 'test-identity-header-4f1c9a7e2d'
const PROBE = 'test/fixtures/token-probe.mjs'

interface ProbeSuccess {
  ok: true
  summary: {
    host: string
    credentialKind: string
    managedIdentitySource: string
    selector: { kind: string; value: string }
  }
  claims: { appid?: string; oid?: string; xms_mirid?: string; aud?: string }
  matches: boolean
  sameToken: boolean
}
interface ProbeFailure {
  ok: false
  error: { code: string; message: string; fix: string; commands?: string[] }
}
type Probe = ProbeSuccess | ProbeFailure

function success(probe: Probe): ProbeSuccess {
  if (!probe.ok) throw new Error(`expected a token, got ${probe.error.code}: ${probe.error.message}`)
  return probe
}

function failure(probe: Probe): ProbeFailure {
  if (probe.ok) throw new Error('expected a failure, got a token')
  return probe
}

const SELECTOR_ENV = {
  clientId: { AZURE_CLIENT_ID: ATTACHED.clientId },
  resourceId: { AZURE_MANAGED_IDENTITY_RESOURCE_ID: ATTACHED.resourceId },
  objectId: { AZURE_MANAGED_IDENTITY_OBJECT_ID: ATTACHED.objectId },
} as const

describe('ManagedIdentityCredential over the App Service protocol', () => {
  let endpoint: IdentityEndpoint
  beforeAll(async () => {
    endpoint = await startIdentityEndpoint({
      identities: [ATTACHED],
      identityHeader: IDENTITY_HEADER,
      hostResourceId: WEB_APP_ID,
    })
  })
  afterAll(() => endpoint.close())

  const hostEnv = (): Record<string, string> => ({
    WEBSITE_SITE_NAME: 'web-uami',
    WEBSITE_RESOURCE_GROUP: 'rg-web',
    IDENTITY_ENDPOINT: endpoint.appServiceEndpoint,
    IDENTITY_HEADER,
  })

  it.each([
    ['clientId', 'client_id', ATTACHED.clientId],
    ['resourceId', 'mi_res_id', ATTACHED.resourceId],
    ['objectId', 'object_id', ATTACHED.objectId],
  ] as const)(
    'sends the %s selector as %s and gets a token for that identity',
    async (kind, parameter, value) => {
      const before = endpoint.requests.length
      const run = await runNode(PROBE, { ...hostEnv(), ...SELECTOR_ENV[kind] })
      const probe = success(lastJsonLine<Probe>(run.stdout))

      expect(probe.summary).toMatchObject({
        host: 'app-service',
        credentialKind: 'ManagedIdentityCredential',
        managedIdentitySource: 'AppService',
        selector: { kind, value },
      })
      expect(probe.matches).toBe(true)
      expect(probe.claims.oid).toBe(ATTACHED.objectId)
      expect(probe.claims.aud).toBe('https://appconfig.azure.com')
      const requests = endpoint.requests.slice(before)
      expect(requests).toHaveLength(1) // the second getToken() is served from the SDK's cache
      expect(probe.sameToken).toBe(true)
      const [request] = requests
      expect(request?.pathname).toBe('/msi/token')
      expect(request?.headers['x-identity-header']).toBe(IDENTITY_HEADER)
      expect(request?.query).toEqual({
        'api-version': '2019-08-01',
        resource: 'https://appconfig.azure.com',
        [parameter]: value,
      })
    },
  )

  it('turns "Unable to load the proper Managed Identity" into the az webapp identity assign command', async () => {
    const run = await runNode(PROBE, {
      ...hostEnv(),
      AZURE_MANAGED_IDENTITY_RESOURCE_ID: DETACHED.resourceId,
    })
    const probe = failure(lastJsonLine<Probe>(run.stdout))
    expect(probe.error.code).toBe('UAMI_CRED_IDENTITY_NOT_ATTACHED')
    expect(probe.error.commands).toEqual([
      `az webapp identity assign --resource-group rg-web --name web-uami --identities ${DETACHED.resourceId}`,
    ])
    expect(probe.error.message).toContain('Unable to load the proper Managed Identity')
    expect(probe.error.message).not.toContain(IDENTITY_HEADER)
  })

  it('never logs the IDENTITY_HEADER value or the token, even at verbose level', async () => {
    const before = endpoint.issuedTokens.length
    const run = await runNode(PROBE, { ...hostEnv(), ...SELECTOR_ENV.clientId, AZURE_LOG_LEVEL: 'verbose' })
    success(lastJsonLine<Probe>(run.stdout))
    expect(run.stderr).toContain('azure:uami-credential')
    expect(run.stderr).toContain('AZURE_CLIENT_ID')
    const issued = endpoint.issuedTokens.slice(before)
    expect(issued).toHaveLength(1)
    for (const output of [run.stdout, run.stderr]) {
      expect(output).not.toContain(IDENTITY_HEADER)
      expect(output).not.toContain(issued[0])
    }
  })
})

describe('ManagedIdentityCredential on Container Apps', () => {
  let endpoint: IdentityEndpoint
  beforeAll(async () => {
    endpoint = await startIdentityEndpoint({
      identities: [ATTACHED],
      identityHeader: IDENTITY_HEADER,
      hostResourceId: CONTAINER_APP_ID,
    })
  })
  afterAll(() => endpoint.close())

  const hostEnv = (): Record<string, string> => ({
    CONTAINER_APP_NAME: 'aca-uami',
    IDENTITY_ENDPOINT: endpoint.appServiceEndpoint,
    IDENTITY_HEADER,
  })

  it('detects container-apps and sends the resource ID as mi_res_id', async () => {
    const run = await runNode(PROBE, { ...hostEnv(), ...SELECTOR_ENV.resourceId })
    const probe = success(lastJsonLine<Probe>(run.stdout))
    expect(probe.summary.host).toBe('container-apps')
    expect(probe.claims.xms_mirid?.toLowerCase()).toBe(ATTACHED.resourceId.toLowerCase())
    expect(probe.matches).toBe(true)
    expect(endpoint.requests.at(-1)?.query.mi_res_id).toBe(ATTACHED.resourceId)
  })

  it('turns the unattached identity into az containerapp identity assign --user-assigned (ERRATA #2)', async () => {
    const run = await runNode(PROBE, { ...hostEnv(), AZURE_CLIENT_ID: DETACHED.clientId })
    const probe = failure(lastJsonLine<Probe>(run.stdout))
    expect(probe.error.code).toBe('UAMI_CRED_IDENTITY_NOT_ATTACHED')
    // Neither the resource group (Container Apps sets none) nor the resource ID is known here: the command looks
    // them up by the app's name and the client ID, so it runs as it is, without placeholders.
    expect(probe.error.commands).toEqual([
      `az containerapp identity assign --resource-group "$(az containerapp list --query "[?name=='aca-uami'].resourceGroup | [0]" --output tsv)" --name aca-uami --user-assigned "$(az identity list --query "[?clientId=='${DETACHED.clientId}'].id" --output tsv)"`,
    ])
  })
})

describe('ManagedIdentityCredential over IMDS (AZURE_POD_IDENTITY_AUTHORITY_HOST)', () => {
  let endpoint: IdentityEndpoint
  beforeAll(async () => {
    endpoint = await startIdentityEndpoint({
      identities: [ATTACHED],
      identityHeader: IDENTITY_HEADER,
      hostResourceId: VM_ID,
    })
  })
  afterAll(() => endpoint.close())

  it.each([
    ['clientId', 'client_id', ATTACHED.clientId],
    ['resourceId', 'msi_res_id', ATTACHED.resourceId],
    ['objectId', 'object_id', ATTACHED.objectId],
  ] as const)(
    'sends the %s selector as %s with Metadata: true to the lower-cased path',
    async (kind, parameter, value) => {
      const before = endpoint.requests.length
      const run = await runNode(PROBE, {
        AZURE_POD_IDENTITY_AUTHORITY_HOST: endpoint.origin,
        ...SELECTOR_ENV[kind],
      })
      const probe = success(lastJsonLine<Probe>(run.stdout))
      expect(probe.summary).toMatchObject({
        host: 'vm',
        credentialKind: 'ManagedIdentityCredential',
        managedIdentitySource: 'DefaultToImds',
        selector: { kind, value },
      })
      expect(probe.matches).toBe(true)
      const requests = endpoint.requests.slice(before)
      expect(requests).toHaveLength(1)
      const [request] = requests
      expect(request?.pathname).toBe('/metadata/identity/oauth2/token/')
      expect(request?.headers.metadata).toBe('true')
      expect(request?.query).toEqual({
        'api-version': '2018-02-01',
        resource: 'https://appconfig.azure.com',
        [parameter]: value,
      })
    },
  )

  it('turns "Identity not found" into the az vm identity assign command', async () => {
    const run = await runNode(PROBE, {
      AZURE_POD_IDENTITY_AUTHORITY_HOST: endpoint.origin,
      AZURE_MANAGED_IDENTITY_OBJECT_ID: DETACHED.objectId,
    })
    const probe = failure(lastJsonLine<Probe>(run.stdout))
    expect(probe.error.code).toBe('UAMI_CRED_IDENTITY_NOT_ATTACHED')
    expect(probe.error.message).toContain('Identity not found')
    expect(probe.error.commands).toEqual([
      `az vm identity assign --resource-group <resource-group> --name <vm-name> --identities "$(az identity list --query "[?principalId=='${DETACHED.objectId}'].id" --output tsv)"`,
    ])
  })

  it('uses managed identity when AZURE_TOKEN_CREDENTIALS=ManagedIdentityCredential, as a VM systemd unit sets it', async () => {
    const run = await runNode(PROBE, {
      AZURE_TOKEN_CREDENTIALS: 'ManagedIdentityCredential',
      AZURE_POD_IDENTITY_AUTHORITY_HOST: endpoint.origin,
      ...SELECTOR_ENV.objectId,
    })
    const probe = success(lastJsonLine<Probe>(run.stdout))
    expect(probe.summary).toMatchObject({ host: 'vm', credentialKind: 'ManagedIdentityCredential' })
    expect(probe.claims.oid).toBe(ATTACHED.objectId)
  })
})

describe('an identity endpoint that does not answer', () => {
  it('is explained as unreachable, pointing at the local emulator', async () => {
    const port = await closedLoopbackPort()
    const run = await runNode(PROBE, {
      IDENTITY_ENDPOINT: `http://127.0.0.1:${port}/msi/token`,
      IDENTITY_HEADER,
      ...SELECTOR_ENV.clientId,
    })
    const probe = failure(lastJsonLine<Probe>(run.stdout))
    expect(probe.error.code).toBe('UAMI_CRED_ENDPOINT_UNREACHABLE')
    expect(probe.error.message).toContain('IDENTITY_ENDPOINT')
    expect(probe.error.fix).toContain('uami-emulator start')
    expect(probe.error.message).not.toContain(IDENTITY_HEADER)
  })
})
