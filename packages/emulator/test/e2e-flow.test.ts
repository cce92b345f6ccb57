import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseEnv } from 'node:util'
import { AppConfigurationClient } from '@azure/app-configuration'
import { AppConfigurationManagementClient } from '@azure/arm-appconfiguration'
import { WebSiteManagementClient } from '@azure/arm-appservice'
import { AuthorizationManagementClient } from '@azure/arm-authorization'
import { ManagedServiceIdentityClient } from '@azure/arm-msi'
import { ResourceManagementClient } from '@azure/arm-resources'
import { ClientSecretCredential } from '@azure/identity'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_CONFIGURATION_DATA_OWNER, APP_CONFIGURATION_DATA_READER } from '../src/index.ts'
import { fixture, runNodeJson } from './helpers/child.ts'
import { type CliEmulator, type ReadyInfo, runCli, startCliEmulator } from './helpers/cli.ts'
import { trustLocalCa } from './helpers/emulator.ts'

type Outcome =
  | { ok: true; value: string; claims: Record<string, string> }
  | { ok: false; name: string; message: string }

/**
 * Issue 3's whole flow as an outside user runs it: the CLI in its own process, resources created with the real ARM
 * clients, the host's environment read with `uami-emulator env`, and an unmodified app in a child process.
 */
describe('the whole flow, from the outside', () => {
  let root: string
  let cli: CliEmulator & { info: ReadyInfo }
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'uami-flow-'))
    cli = await startCliEmulator(['--state', join(root, 'state')])
    trustLocalCa(cli.info.caCertPath)
  })
  afterAll(async () => {
    await cli?.stop()
    await rm(root, { recursive: true, force: true })
  })

  it('a web app reads a setting with ManagedIdentityCredential({ resourceId }) and its token names the identity', async () => {
    const { info } = cli
    const credential = new ClientSecretCredential(
      info.tenantId,
      info.developer.clientId,
      info.developer.clientSecret,
      {
        authorityHost: info.authorityHost,
        disableInstanceDiscovery: true,
      },
    )
    const options = { endpoint: info.armEndpoint }
    const sub = info.subscriptionId
    const location = 'eastus'
    const role = (id: string) =>
      `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${id}`

    await new ResourceManagementClient(credential, sub, options).resourceGroups.createOrUpdate('rg-flow', {
      location,
    })
    const identity = await new ManagedServiceIdentityClient(
      credential,
      sub,
      options,
    ).userAssignedIdentities.createOrUpdate('rg-flow', 'id-flow', { location })
    const store = await new AppConfigurationManagementClient(
      credential,
      sub,
      options,
    ).configurationStores.beginCreateAndWait(
      'rg-flow',
      'store-flow',
      { location, sku: { name: 'standard' } },
      { updateIntervalInMs: 10 },
    )
    const authorization = new AuthorizationManagementClient(credential, sub, options)
    await authorization.roleAssignments.create(store.id ?? '', randomUUID(), {
      roleDefinitionId: role(APP_CONFIGURATION_DATA_OWNER),
      principalId: info.developer.objectId,
      principalType: 'ServicePrincipal',
    })
    await authorization.roleAssignments.create(store.id ?? '', randomUUID(), {
      roleDefinitionId: role(APP_CONFIGURATION_DATA_READER),
      principalId: identity.principalId ?? '',
      principalType: 'ServicePrincipal',
    })
    const web = new WebSiteManagementClient(credential, sub, options)
    const site = await web.webApps.beginCreateOrUpdateAndWait(
      'rg-flow',
      'web-flow',
      { location, identity: { type: 'UserAssigned', userAssignedIdentities: { [identity.id ?? '']: {} } } },
      { updateIntervalInMs: 10 },
    )
    const endpoint = store.endpoint ?? ''
    await new AppConfigurationClient(endpoint, credential).setConfigurationSetting({
      key: 'greeting',
      value: 'hello from the emulator',
    })

    const printed = await runCli(['env', site.id ?? '', '--state', info.stateDir])
    expect(printed).toMatchObject({ code: 0, stderr: '' })
    const hostEnv = parseEnv(printed.stdout) as Record<string, string>
    expect(Object.keys(hostEnv)).toEqual(
      expect.arrayContaining(['IDENTITY_ENDPOINT', 'IDENTITY_HEADER', 'NODE_EXTRA_CA_CERTS']),
    )

    const result = await runNodeJson<Outcome>(fixture('read-setting.mjs'), ['greeting'], {
      ...hostEnv,
      AZURE_MANAGED_IDENTITY_RESOURCE_ID: identity.id ?? '',
      APP_CONFIG_ENDPOINT: endpoint,
    })
    expect(result).toMatchObject({ ok: true, value: 'hello from the emulator' })
    if (!result.ok) return
    expect(result.claims.xms_mirid?.toLowerCase()).toBe(identity.id?.toLowerCase())
    expect(result.claims.oid).toBe(identity.principalId)
    expect(result.claims.aud).toBe('https://appconfig.azure.com')
    expect(result.claims.xms_az_rid?.toLowerCase()).toBe(site.id?.toLowerCase())
  })

  it('a web app without the identity attached fails at once with "Identity not found", in one request', async () => {
    const { info } = cli
    const credential = new ClientSecretCredential(
      info.tenantId,
      info.developer.clientId,
      info.developer.clientSecret,
      {
        authorityHost: info.authorityHost,
        disableInstanceDiscovery: true,
      },
    )
    const options = { endpoint: info.armEndpoint }
    const identity = await new ManagedServiceIdentityClient(
      credential,
      info.subscriptionId,
      options,
    ).userAssignedIdentities.get('rg-flow', 'id-flow')
    const site = await new WebSiteManagementClient(
      credential,
      info.subscriptionId,
      options,
    ).webApps.beginCreateOrUpdateAndWait(
      'rg-flow',
      'web-bare',
      { location: 'eastus' },
      { updateIntervalInMs: 10 },
    )
    const hostEnv = parseEnv(
      (await runCli(['env', site.id ?? '', '--state', info.stateDir])).stdout,
    ) as Record<string, string>

    // The remote admin API: what tools use when the emulator runs in another process.
    await fetch(`${info.identityEndpoint}/_admin/counters`, { method: 'DELETE' })
    const result = await runNodeJson<Outcome>(fixture('read-setting.mjs'), ['greeting'], {
      ...hostEnv,
      AZURE_MANAGED_IDENTITY_RESOURCE_ID: identity.id ?? '',
      APP_CONFIG_ENDPOINT: 'https://127.0.0.1:1',
    })
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('Identity not found') })
    if (result.ok) return
    expect(result.message).toContain('az webapp identity assign --resource-group rg-flow --name web-bare')
    const counters = (await (await fetch(`${info.identityEndpoint}/_admin/counters`)).json()) as Record<
      string,
      number
    >
    expect(counters['msi:token']).toBe(1)
  })
})
