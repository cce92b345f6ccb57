import { randomUUID } from 'node:crypto'
import type { Identity } from '@azure/arm-msi'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../src/index.ts'
import { READER } from '../src/rbac/roles.ts'
import { type ArmClients, armClients, armError, armFetch, lro } from './helpers/arm-clients.ts'
import { fixture, runNodeJson } from './helpers/child.ts'
import { startTestEmulator } from './helpers/emulator.ts'

const RG = 'rg-settings'
const API = 'api-version=2025-05-01'

describe('App Service app settings (Microsoft.Web/sites/config/appsettings)', () => {
  let emulator: RunningEmulator
  let arm: ArmClients
  let sitePath: string

  beforeAll(async () => {
    emulator = await startTestEmulator()
    arm = armClients(emulator)
    await arm.resources.resourceGroups.createOrUpdate(RG, { location: 'eastus' })
    await arm.web.webApps.beginCreateOrUpdateAndWait(RG, 'web-settings', { location: 'eastus' }, lro)
    sitePath = `/subscriptions/${emulator.subscriptionId}/resourceGroups/${RG}/providers/Microsoft.Web/sites/web-settings`
  })
  afterAll(() => emulator.stop())

  it('replaces the settings with updateApplicationSettings and reads them back with listApplicationSettings', async () => {
    const written = await arm.web.webApps.updateApplicationSettings(RG, 'web-settings', {
      properties: { GREETING: 'hello', APP_CONFIG_ENDPOINT: 'https://appcs.example' },
    })
    expect(written).toMatchObject({
      id: `${sitePath}/config/appsettings`,
      name: 'appsettings',
      type: 'Microsoft.Web/sites/config',
      properties: { GREETING: 'hello', APP_CONFIG_ENDPOINT: 'https://appcs.example' },
    })
    await arm.web.webApps.updateApplicationSettings(RG, 'web-settings', { properties: { ONLY: 'this' } })
    const listed = await arm.web.webApps.listApplicationSettings(RG, 'web-settings')
    expect(listed.properties).toEqual({ ONLY: 'this' })
  })

  it('takes the initial settings from siteConfig.appSettings in the site PUT, and never returns them with the site', async () => {
    await arm.web.webApps.beginCreateOrUpdateAndWait(
      RG,
      'web-initial',
      {
        location: 'eastus',
        siteConfig: {
          appSettings: [{ name: 'AZURE_CLIENT_ID', value: 'cid' }],
          linuxFxVersion: 'NODE|22-lts',
        },
      },
      lro,
    )
    expect((await arm.web.webApps.listApplicationSettings(RG, 'web-initial')).properties).toEqual({
      AZURE_CLIENT_ID: 'cid',
    })
    const site = await arm.web.webApps.get(RG, 'web-initial')
    expect(site.siteConfig?.linuxFxVersion).toBe('NODE|22-lts')
    expect(site.siteConfig?.appSettings ?? null).toBeNull()
  })

  it('keeps the settings when the site is read and written back whole (as attaching an identity does)', async () => {
    await arm.web.webApps.updateApplicationSettings(RG, 'web-initial', { properties: { KEEP: 'me' } })
    const site = await arm.web.webApps.get(RG, 'web-initial')
    await arm.web.webApps.beginCreateOrUpdateAndWait(RG, 'web-initial', { ...site, tags: { t: '1' } }, lro)
    expect((await arm.web.webApps.listApplicationSettings(RG, 'web-initial')).properties).toEqual({
      KEEP: 'me',
    })
  })

  it('replaces the settings when a PATCH of the site sends siteConfig.appSettings', async () => {
    await arm.web.webApps.update(RG, 'web-initial', {
      siteConfig: { appSettings: [{ name: 'PATCHED', value: 'yes' }] },
    })
    expect((await arm.web.webApps.listApplicationSettings(RG, 'web-initial')).properties).toEqual({
      PATCHED: 'yes',
    })
  })

  it('answers 404 ResourceNotFound for the settings of a site that does not exist', async () => {
    const error = await armError(arm.web.webApps.listApplicationSettings(RG, 'web-missing'))
    expect(error).toMatchObject({ statusCode: 404, code: 'ResourceNotFound' })
    expect(error.message).toContain('web-missing')
  })

  it('refuses values that are not strings and names that cannot be environment variables', async () => {
    for (const properties of [{ N: 1 }, { 'A=B': 'x' }]) {
      const response = await armFetch(emulator, `${sitePath}/config/appsettings?${API}`, {
        method: 'PUT',
        body: { properties },
      })
      expect(response.status).toBe(400)
      expect(response.body?.error?.code).toBe('InvalidRequestContent')
    }
    const siteConfig = await armFetch(emulator, `${sitePath}?${API}`, {
      method: 'PUT',
      body: { location: 'eastus', properties: { siteConfig: { appSettings: { NOT: 'an array' } } } },
    })
    expect(siteConfig.status).toBe(400)
    expect(siteConfig.body?.error?.code).toBe('InvalidRequestContent')
  })

  it('requires the api-version and answers 405 for a GET of config/appsettings (Azure lists them with POST .../list)', async () => {
    const noVersion = await armFetch(emulator, `${sitePath}/config/appsettings/list`, { method: 'POST' })
    expect(noVersion.status).toBe(400)
    expect(noVersion.body?.error?.code).toBe('MissingApiVersionParameter')
    const get = await armFetch(emulator, `${sitePath}/config/appsettings?${API}`)
    expect(get.status).toBe(405)
    expect(get.body?.error?.code).toBe('MethodNotAllowed')
    const other = await armFetch(emulator, `${sitePath}/config/connectionstrings?${API}`, {
      method: 'PUT',
      body: { properties: {} },
    })
    expect(other.body?.error?.code).toBe('NoRegisteredProviderFound')
  })
})

describe('Container Apps environment variables (template.containers[].env)', () => {
  let emulator: RunningEmulator
  let arm: ArmClients

  beforeAll(async () => {
    emulator = await startTestEmulator()
    arm = armClients(emulator)
    await arm.resources.resourceGroups.createOrUpdate(RG, { location: 'eastus' })
  })
  afterAll(() => emulator.stop())

  const container = (env: { name: string; value?: string; secretRef?: string }[]) => ({
    location: 'eastus',
    template: { containers: [{ name: 'app', image: 'mcr.microsoft.com/k8se/quickstart:latest', env }] },
  })

  it('stores the env of each container and returns it', async () => {
    const app = await arm.containerApps.containerApps.beginCreateOrUpdateAndWait(
      RG,
      'ca-env',
      container([{ name: 'GREETING', value: 'hello' }]),
      lro,
    )
    expect(app.template?.containers?.[0]?.env).toEqual([{ name: 'GREETING', value: 'hello' }])
  })

  it('refuses secretRef with 400 ContainerAppSecretRefNotSupported: the emulator does not model secrets', async () => {
    const error = await armError(
      arm.containerApps.containerApps.beginCreateOrUpdateAndWait(
        RG,
        'ca-secret',
        container([{ name: 'PASSWORD', secretRef: 'db-password' }]),
        lro,
      ),
    )
    expect(error).toMatchObject({ statusCode: 400, code: 'ContainerAppSecretRefNotSupported' })
    expect(error.message).toContain('PASSWORD')
    expect(error.message).toContain("set 'value' instead")
  })

  it('refuses an env that is not a list of { name, value }', async () => {
    const path = `/subscriptions/${emulator.subscriptionId}/resourceGroups/${RG}/providers/Microsoft.App/containerApps/ca-bad?api-version=2026-07-01`
    for (const env of [{ GREETING: 'hello' }, [{ value: 'no name' }], [{ name: 'N', value: 1 }]]) {
      const response = await armFetch(emulator, path, {
        method: 'PUT',
        body: { location: 'eastus', properties: { template: { containers: [{ name: 'app', env }] } } },
      })
      expect(response.status).toBe(400)
      expect(response.body?.error?.code).toBe('InvalidRequestContent')
    }
  })
})

describe('hostEnv with app settings', () => {
  let emulator: RunningEmulator
  let arm: ArmClients
  let identity: Identity

  beforeAll(async () => {
    emulator = await startTestEmulator()
    arm = armClients(emulator)
    await arm.resources.resourceGroups.createOrUpdate(RG, { location: 'eastus' })
    identity = await arm.msi.userAssignedIdentities.createOrUpdate(RG, 'id-settings', { location: 'eastus' })
  })
  afterAll(() => emulator.stop())

  const withIdentity = () => ({
    type: 'UserAssigned' as const,
    userAssignedIdentities: { [identity.id as string]: {} },
  })

  it("includes a site's app settings, as App Service injects them into the process", async () => {
    const site = await arm.web.webApps.beginCreateOrUpdateAndWait(RG, 'web-env', { location: 'eastus' }, lro)
    await arm.web.webApps.updateApplicationSettings(RG, 'web-env', {
      properties: { AZURE_CLIENT_ID: identity.clientId as string, GREETING: 'hello' },
    })
    expect(emulator.hostEnv(site.id as string)).toMatchObject({
      AZURE_CLIENT_ID: identity.clientId,
      GREETING: 'hello',
      WEBSITE_SITE_NAME: 'web-env',
      NODE_EXTRA_CA_CERTS: emulator.caCertPath,
    })
  })

  it("includes a container app's first container's env, not the other containers'", async () => {
    const app = await arm.containerApps.containerApps.beginCreateOrUpdateAndWait(
      RG,
      'ca-env',
      {
        location: 'eastus',
        template: {
          containers: [
            { name: 'app', image: 'app:1', env: [{ name: 'GREETING', value: 'from the app' }] },
            { name: 'sidecar', image: 'side:1', env: [{ name: 'SIDECAR_ONLY', value: 'x' }] },
          ],
        },
      },
      lro,
    )
    const env = emulator.hostEnv(app.id as string)
    expect(env.GREETING).toBe('from the app')
    expect(env).not.toHaveProperty('SIDECAR_ONLY')
    expect(env.CONTAINER_APP_NAME).toBe('ca-env')
  })

  it("never lets an app setting replace the platform's variables (identity endpoint, header, markers, CA)", async () => {
    const site = await arm.web.webApps.beginCreateOrUpdateAndWait(
      RG,
      'web-clash',
      { location: 'eastus' },
      lro,
    )
    const platform = emulator.hostEnv(site.id as string)
    await arm.web.webApps.updateApplicationSettings(RG, 'web-clash', {
      properties: {
        IDENTITY_ENDPOINT: 'http://127.0.0.1:9/hijack',
        identity_header: 'guess',
        WEBSITE_SITE_NAME: 'other',
        NODE_EXTRA_CA_CERTS: '/tmp/other.pem',
        WEBSITE_RUN_FROM_PACKAGE: '1',
      },
    })
    const env = emulator.hostEnv(site.id as string)
    for (const name of ['IDENTITY_ENDPOINT', 'IDENTITY_HEADER', 'WEBSITE_SITE_NAME', 'NODE_EXTRA_CA_CERTS']) {
      expect(env[name]).toBe(platform[name])
    }
    expect(env).not.toHaveProperty('identity_header')
    expect(env.WEBSITE_RUN_FROM_PACKAGE).toBe('1')

    const app = await arm.containerApps.containerApps.beginCreateOrUpdateAndWait(
      RG,
      'ca-clash',
      {
        location: 'eastus',
        template: {
          containers: [{ name: 'app', image: 'app:1', env: [{ name: 'CONTAINER_APP_NAME', value: 'x' }] }],
        },
      },
      lro,
    )
    expect(emulator.hostEnv(app.id as string).CONTAINER_APP_NAME).toBe('ca-clash')
  })

  it('gives a VM no app settings (its variables live on the machine)', async () => {
    const vm = await arm.compute.virtualMachines.beginCreateOrUpdateAndWait(
      RG,
      'vm-env',
      { location: 'eastus' },
      lro,
    )
    expect(Object.keys(emulator.hostEnv(vm.id as string)).sort()).toEqual([
      'AZURE_POD_IDENTITY_AUTHORITY_HOST',
      'NODE_EXTRA_CA_CERTS',
    ])
  })

  it('lets a Reader read the site but not list its app settings (config/list/action), as in Azure', async () => {
    const site = await arm.web.webApps.beginCreateOrUpdateAndWait(
      RG,
      'web-reader',
      { location: 'eastus', identity: withIdentity() },
      lro,
    )
    await arm.web.webApps.updateApplicationSettings(RG, 'web-reader', { properties: { SECRET_ISH: 'x' } })
    const sub = `/subscriptions/${emulator.subscriptionId}`
    await arm.authorization.roleAssignments.create(`${sub}/resourceGroups/${RG}`, randomUUID(), {
      roleDefinitionId: `${sub}/providers/Microsoft.Authorization/roleDefinitions/${READER}`,
      principalId: identity.principalId as string,
      principalType: 'ServicePrincipal',
    })
    const env = {
      ...emulator.hostEnv(site.id as string),
      ARM_ENDPOINT: emulator.armEndpoint,
      ARM_SUBSCRIPTION_ID: emulator.subscriptionId,
    }
    const asReader = (operation: object) =>
      runNodeJson<{ status: number; body?: { error?: { code: string } } }>(
        fixture('arm-as-managed-identity.mjs'),
        [JSON.stringify({ clientId: identity.clientId }), JSON.stringify(operation)],
        env,
      )
    const read = await asReader({ op: 'fetch', path: `${site.id}?api-version=2025-05-01` })
    expect(read.status).toBe(200)
    const list = await asReader({
      op: 'fetch',
      method: 'POST',
      path: `${site.id}/config/appsettings/list?api-version=2025-05-01`,
    })
    expect(list.status).toBe(403)
    expect(list.body?.error?.code).toBe('AuthorizationFailed')
  })

  it('lets an app started with hostEnv(siteId) read an app setting set through ARM and sign in with the client ID it names', async () => {
    const site = await arm.web.webApps.beginCreateOrUpdateAndWait(
      RG,
      'web-child',
      { location: 'eastus', identity: withIdentity() },
      lro,
    )
    await arm.web.webApps.updateApplicationSettings(RG, 'web-child', {
      properties: { AZURE_CLIENT_ID: identity.clientId as string, GREETING: 'set through ARM' },
    })
    const result = await runNodeJson<{
      variables: Record<string, string | null>
      token: { ok: boolean; appid?: string; xms_mirid?: string; message?: string }
    }>(
      fixture('app-settings-probe.mjs'),
      ['GREETING', 'AZURE_CLIENT_ID'],
      emulator.hostEnv(site.id as string),
    )
    expect(result.variables).toEqual({ GREETING: 'set through ARM', AZURE_CLIENT_ID: identity.clientId })
    expect(result.token).toMatchObject({ ok: true, appid: identity.clientId, xms_mirid: identity.id })
  })
})
