import { randomUUID } from 'node:crypto'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../src/index.ts'
import { CONTRIBUTOR, READER } from '../src/index.ts'
import { type ArmClients, armClients, armError, armFetch, lro } from './helpers/arm-clients.ts'
import { armAsManagedIdentity } from './helpers/arm-managed-identity.ts'
import { signWithEmulatorKey } from './helpers/arm-tokens.ts'
import { developerCredential, startTestEmulator } from './helpers/emulator.ts'

describe('ARM authentication', () => {
  let emulator: RunningEmulator
  let path: string

  beforeAll(async () => {
    emulator = await startTestEmulator()
    path = `/subscriptions/${emulator.subscriptionId}/resourcegroups?api-version=2025-04-01`
  })
  afterAll(() => emulator.stop())

  it('answers a request without a token with 401 AuthenticationFailed and a Bearer challenge', async () => {
    const response = await armFetch(emulator, path, { token: null })
    expect(response.status).toBe(401)
    expect(response.body?.error?.code).toBe('AuthenticationFailed')
    const challenge = response.headers.get('www-authenticate') ?? ''
    expect(challenge).toMatch(
      /^Bearer authorization_uri="https:\/\/127\.0\.0\.1:\d+\/[0-9a-f-]+", error="invalid_token"/,
    )
    expect(challenge).not.toContain('claims=')
  })

  it('answers a malformed token with 401 InvalidAuthenticationToken', async () => {
    const response = await armFetch(emulator, path, { token: 'not.a.jwt' })
    expect(response.status).toBe(401)
    expect(response.body?.error?.code).toBe('InvalidAuthenticationToken')
  })

  it('answers a token signed by another key with 401 InvalidAuthenticationToken', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256')
    const forged = await new SignJWT({ oid: emulator.developer.objectId, tid: emulator.tenantId })
      .setProtectedHeader({ alg: 'RS256', kid: (await exportJWK(publicKey)).n?.slice(0, 8) ?? 'k' })
      .setIssuer(`https://sts.windows.net/${emulator.tenantId}/`)
      .setAudience('https://management.azure.com')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey)
    const response = await armFetch(emulator, path, { token: forged })
    expect(response.status).toBe(401)
    expect(response.body?.error?.code).toBe('InvalidAuthenticationToken')
  })

  it('answers a token for another audience with 401 InvalidAuthenticationTokenAudience', async () => {
    const appConfigToken = await developerCredential(emulator).getToken(
      'https://appconfig.azure.com/.default',
    )
    const response = await armFetch(emulator, path, { token: appConfigToken.token })
    expect(response.status).toBe(401)
    expect(response.body?.error?.code).toBe('InvalidAuthenticationTokenAudience')
  })

  it('answers an expired token with 401 ExpiredAuthenticationToken', async () => {
    const now = Math.floor(Date.now() / 1000)
    const expired = await signWithEmulatorKey(emulator, {
      iss: `https://sts.windows.net/${emulator.tenantId}/`,
      aud: 'https://management.azure.com',
      oid: emulator.developer.objectId,
      tid: emulator.tenantId,
      iat: now - 7200,
      nbf: now - 7200,
      exp: now - 3600,
    })
    const response = await armFetch(emulator, path, { token: expired })
    expect(response.status).toBe(401)
    expect(response.body?.error?.code).toBe('ExpiredAuthenticationToken')
  })

  it('answers a token from another tenant with 401 InvalidAuthenticationTokenTenant', async () => {
    const now = Math.floor(Date.now() / 1000)
    const otherTenant = randomUUID()
    const foreign = await signWithEmulatorKey(emulator, {
      iss: `https://sts.windows.net/${otherTenant}/`,
      aud: 'https://management.azure.com',
      oid: emulator.developer.objectId,
      tid: otherTenant,
      iat: now,
      exp: now + 3600,
    })
    const response = await armFetch(emulator, path, { token: foreign })
    expect(response.status).toBe(401)
    expect(response.body?.error?.code).toBe('InvalidAuthenticationTokenTenant')
  })

  it.each([['https://management.azure.com/.default'], ['https://management.core.windows.net//.default']])(
    'accepts a token for %s',
    async (scope) => {
      const token = await developerCredential(emulator).getToken(scope)
      const response = await armFetch(emulator, path, { token: token.token })
      expect(response.status).toBe(200)
    },
  )

  it("accepts a token for the emulator's own endpoint, as @azure/arm-msi asks for", async () => {
    const token = await developerCredential(emulator).getToken(`${emulator.armEndpoint}/.default`)
    const response = await armFetch(emulator, path, { token: token.token })
    expect(response.status).toBe(200)
  })

  it('surfaces a 401 to the SDK as a RestError with the ARM code', async () => {
    const wrongAudience = {
      getToken: async () => developerCredential(emulator).getToken('https://appconfig.azure.com/.default'),
    }
    const arm = armClients(emulator, wrongAudience)
    const error = await armError(arm.resources.resourceGroups.get('rg-any'))
    expect(error).toMatchObject({ statusCode: 401, code: 'InvalidAuthenticationTokenAudience' })
  })
})

describe('ARM api-version', () => {
  let emulator: RunningEmulator

  beforeAll(async () => {
    emulator = await startTestEmulator()
  })
  afterAll(() => emulator.stop())

  it('requires api-version on every call (400 MissingApiVersionParameter)', async () => {
    for (const path of [
      '/subscriptions',
      `/subscriptions/${emulator.subscriptionId}/resourcegroups/rg`,
      `/subscriptions/${emulator.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions`,
    ]) {
      const response = await armFetch(emulator, path)
      expect(response.status).toBe(400)
      expect(response.body?.error?.code).toBe('MissingApiVersionParameter')
    }
  })

  it('accepts api-versions it has never heard of', async () => {
    const response = await armFetch(emulator, '/subscriptions?api-version=2099-01-01-preview')
    expect(response.status).toBe(200)
  })
})

describe('ARM subscriptions, tenants and providers', () => {
  let emulator: RunningEmulator

  beforeAll(async () => {
    emulator = await startTestEmulator()
  })
  afterAll(() => emulator.stop())

  it('lists the one subscription the developer owns, as the Azure CLI expects', async () => {
    const response = await armFetch(emulator, '/subscriptions?api-version=2019-11-01')
    expect(response.body).toEqual({
      value: [
        expect.objectContaining({
          id: `/subscriptions/${emulator.subscriptionId}`,
          subscriptionId: emulator.subscriptionId,
          tenantId: emulator.tenantId,
          displayName: expect.any(String),
          state: 'Enabled',
        }),
      ],
    })
  })

  it('gets the subscription by ID', async () => {
    const response = await armFetch(
      emulator,
      `/subscriptions/${emulator.subscriptionId}?api-version=2022-12-01`,
    )
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ subscriptionId: emulator.subscriptionId, state: 'Enabled' })
  })

  it('answers another subscription with 404 SubscriptionNotFound and a non-GUID with 400 InvalidSubscriptionId', async () => {
    const other = await armFetch(emulator, `/subscriptions/${randomUUID()}/resourcegroups?api-version=1`)
    expect(other.status).toBe(404)
    expect(other.body?.error?.code).toBe('SubscriptionNotFound')
    const malformed = await armFetch(emulator, '/subscriptions/not-a-guid/resourcegroups?api-version=1')
    expect(malformed.status).toBe(400)
    expect(malformed.body?.error?.code).toBe('InvalidSubscriptionId')
  })

  it('lists the tenant', async () => {
    const response = await armFetch(emulator, '/tenants?api-version=2022-12-01')
    expect(response.body).toMatchObject({
      value: [{ tenantId: emulator.tenantId, id: `/tenants/${emulator.tenantId}` }],
    })
  })

  it('reports modelled providers as Registered and others as InvalidResourceNamespace', async () => {
    const base = `/subscriptions/${emulator.subscriptionId}/providers`
    const web = await armFetch(emulator, `${base}/microsoft.web?api-version=2021-04-01`)
    expect(web.body).toMatchObject({
      namespace: 'Microsoft.Web',
      registrationState: 'Registered',
      resourceTypes: expect.arrayContaining([
        { resourceType: 'sites', locations: [], apiVersions: expect.arrayContaining(['2025-05-01']) },
      ]),
    })
    const registered = await armFetch(emulator, `${base}/Microsoft.App/register?api-version=2021-04-01`, {
      method: 'POST',
    })
    expect(registered.body).toMatchObject({ namespace: 'Microsoft.App', registrationState: 'Registered' })
    const storage = await armFetch(emulator, `${base}/Microsoft.Storage?api-version=2021-04-01`)
    expect(storage.status).toBe(404)
    expect(storage.body?.error?.code).toBe('InvalidResourceNamespace')
  })
})

describe('ARM authorization of a managed identity (real ManagedIdentityCredential in a child process)', () => {
  let emulator: RunningEmulator
  let arm: ArmClients
  let hostId: string
  let clientId: string
  let principalId: string
  let sub: string

  const asIdentity = (operation: Parameters<typeof armAsManagedIdentity>[3]) =>
    armAsManagedIdentity(emulator, hostId, { clientId }, operation)
  const assign = (scope: string, role: string) =>
    arm.authorization.roleAssignments.create(scope, randomUUID(), {
      roleDefinitionId: `${sub}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
      principalId,
      principalType: 'ServicePrincipal',
    })

  beforeAll(async () => {
    emulator = await startTestEmulator()
    arm = armClients(emulator)
    sub = `/subscriptions/${emulator.subscriptionId}`
    await arm.resources.resourceGroups.createOrUpdate('rg-app', { location: 'eastus' })
    await arm.resources.resourceGroups.createOrUpdate('rg-shared', { location: 'eastus' })
    const identity = await arm.msi.userAssignedIdentities.createOrUpdate('rg-app', 'id-app', {
      location: 'eastus',
    })
    clientId = identity.clientId as string
    principalId = identity.principalId as string
    const site = await arm.web.webApps.beginCreateOrUpdateAndWait(
      'rg-app',
      'web-app',
      {
        location: 'eastus',
        identity: { type: 'UserAssigned', userAssignedIdentities: { [identity.id as string]: {} } },
      },
      lro,
    )
    hostId = site.id as string
  })
  afterAll(() => emulator.stop())

  it('refuses a managed identity without any role with 403 AuthorizationFailed in Azure wording', async () => {
    const outcome = await asIdentity({ op: 'getIdentity', resourceGroup: 'rg-app', name: 'id-app' })
    expect(outcome).toMatchObject({ ok: false, status: 403, code: 'AuthorizationFailed' })
    expect(outcome.message).toContain(
      `The client '${principalId}' with object id '${principalId}' does not have authorization to perform action 'Microsoft.ManagedIdentity/userAssignedIdentities/read' over scope '${sub}/resourceGroups/rg-app/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-app' or the scope is invalid.`,
    )
  })

  it('shows a managed identity without any role no subscription', async () => {
    const outcome = await asIdentity({ op: 'fetch', path: '/subscriptions?api-version=2022-12-01' })
    expect(outcome).toMatchObject({ status: 200, body: { value: [] } })
  })

  it('lets Reader on the resource group read but not write (403 on .../write)', async () => {
    await assign(`${sub}/resourceGroups/rg-app`, READER)
    const read = await asIdentity({ op: 'getIdentity', resourceGroup: 'rg-app', name: 'id-app' })
    expect(read).toMatchObject({ ok: true, body: { clientId } })
    const write = await asIdentity({ op: 'createIdentity', resourceGroup: 'rg-app', name: 'id-new' })
    expect(write).toMatchObject({ ok: false, status: 403, code: 'AuthorizationFailed' })
    expect(write.message).toContain("'Microsoft.ManagedIdentity/userAssignedIdentities/write'")
  })

  it('lets Contributor create resources but not role assignments (Microsoft.Authorization/*/Write is excluded)', async () => {
    await assign(`${sub}/resourceGroups/rg-shared`, CONTRIBUTOR)
    const created = await asIdentity({ op: 'createIdentity', resourceGroup: 'rg-shared', name: 'id-by-mi' })
    expect(created).toMatchObject({ ok: true, body: { name: 'id-by-mi' } })
    const assignment = await asIdentity({
      op: 'fetch',
      method: 'PUT',
      path: `${sub}/resourceGroups/rg-shared/providers/Microsoft.Authorization/roleAssignments/${randomUUID()}?api-version=2022-04-01`,
      body: {
        properties: {
          roleDefinitionId: `${sub}/providers/Microsoft.Authorization/roleDefinitions/${READER}`,
          principalId,
        },
      },
    })
    expect(assignment).toMatchObject({ status: 403, body: { error: { code: 'AuthorizationFailed' } } })
    expect(assignment.body.error.message).toContain("'Microsoft.Authorization/roleAssignments/write'")
  })

  it('refuses to attach an identity the caller may not assign with 403 LinkedAuthorizationFailed', async () => {
    // Contributor on rg-shared allows writing a site there, but the identity lives in rg-app (Reader only).
    const outcome = await asIdentity({
      op: 'fetch',
      method: 'PUT',
      path: `${sub}/resourceGroups/rg-shared/providers/Microsoft.Web/sites/web-linked?api-version=2025-05-01`,
      body: {
        location: 'eastus',
        identity: {
          type: 'UserAssigned',
          userAssignedIdentities: {
            [`${sub}/resourceGroups/rg-app/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-app`]:
              {},
          },
        },
      },
    })
    expect(outcome).toMatchObject({ status: 403, body: { error: { code: 'LinkedAuthorizationFailed' } } })
    expect(outcome.body.error.message).toContain(
      'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action',
    )
  })

  it('applies the propagation delay to control-plane role assignments too', async () => {
    emulator.settings.propagationDelayMs = 60 * 60 * 1000
    try {
      await arm.resources.resourceGroups.createOrUpdate('rg-later', { location: 'eastus' })
      await assign(`${sub}/resourceGroups/rg-later`, READER)
      const outcome = await asIdentity({
        op: 'fetch',
        path: `${sub}/resourceGroups/rg-later?api-version=2025-04-01`,
      })
      expect(outcome).toMatchObject({ status: 403, body: { error: { code: 'AuthorizationFailed' } } })
    } finally {
      emulator.settings.propagationDelayMs = 0
    }
  })
})
