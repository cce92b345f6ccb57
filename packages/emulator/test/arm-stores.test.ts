import { randomUUID } from 'node:crypto'
import { AppConfigurationClient } from '@azure/app-configuration'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_CONFIGURATION_DATA_OWNER, type RunningEmulator } from '../src/index.ts'
import { type ArmClients, armClients, armError, armFetch, lro } from './helpers/arm-clients.ts'
import { developerCredential, startTestEmulator } from './helpers/emulator.ts'

const RG = 'rg-stores'

describe('ARM App Configuration stores (@azure/arm-appconfiguration)', () => {
  let emulator: RunningEmulator
  let arm: ArmClients
  let sub: string

  const stores = () => arm.appConfiguration.configurationStores
  const grantDataOwner = (scope: string) =>
    arm.authorization.roleAssignments.create(scope, randomUUID(), {
      roleDefinitionId: `${sub}/providers/Microsoft.Authorization/roleDefinitions/${APP_CONFIGURATION_DATA_OWNER}`,
      principalId: emulator.developer.objectId,
      principalType: 'ServicePrincipal',
    })

  beforeAll(async () => {
    emulator = await startTestEmulator()
    arm = armClients(emulator)
    sub = `/subscriptions/${emulator.subscriptionId}`
    await arm.resources.resourceGroups.createOrUpdate(RG, { location: 'eastus' })
  })
  afterAll(() => emulator.stop())

  it('creates a store whose properties.endpoint serves its data plane', async () => {
    const store = await stores().beginCreateAndWait(
      RG,
      'appcs-create',
      { location: 'East US', sku: { name: 'standard' }, tags: { app: 'tour' } },
      lro,
    )
    expect(store).toMatchObject({
      id: `${sub}/resourceGroups/${RG}/providers/Microsoft.AppConfiguration/configurationStores/appcs-create`,
      name: 'appcs-create',
      type: 'Microsoft.AppConfiguration/configurationStores',
      location: 'eastus',
      sku: { name: 'standard' },
      tags: { app: 'tour' },
      provisioningState: 'Succeeded',
    })
    expect(store.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    await grantDataOwner(store.id as string)
    const client = new AppConfigurationClient(store.endpoint as string, developerCredential(emulator))
    await client.setConfigurationSetting({ key: 'greeting', value: 'hello' })
    expect((await client.getConfigurationSetting({ key: 'greeting' })).value).toBe('hello')
  })

  it('gets, updates (PATCH) and lists stores by resource group and subscription', async () => {
    const created = await stores().beginCreateAndWait(
      RG,
      'appcs-crud',
      { location: 'eastus', sku: { name: 'free' } },
      lro,
    )
    expect(await stores().get(RG, 'appcs-crud')).toMatchObject({ endpoint: created.endpoint })
    const updated = await stores().beginUpdateAndWait(
      RG,
      'appcs-crud',
      { tags: { tier: 'paid' }, sku: { name: 'standard' }, disableLocalAuth: true },
      lro,
    )
    expect(updated).toMatchObject({
      tags: { tier: 'paid' },
      sku: { name: 'standard' },
      disableLocalAuth: true,
      endpoint: created.endpoint,
    })
    const inGroup: string[] = []
    for await (const store of stores().listByResourceGroup(RG)) inGroup.push(store.name ?? '')
    const inSubscription: string[] = []
    for await (const store of stores().list()) inSubscription.push(store.name ?? '')
    expect(inGroup).toEqual(expect.arrayContaining(['appcs-crud', 'appcs-create']))
    expect(inSubscription).toEqual(expect.arrayContaining(['appcs-crud', 'appcs-create']))
  })

  it('keeps the endpoint when the store is PUT again', async () => {
    const first = await stores().beginCreateAndWait(
      RG,
      'appcs-again',
      { location: 'eastus', sku: { name: 'free' } },
      lro,
    )
    const second = await stores().beginCreateAndWait(
      RG,
      'appcs-again',
      { location: 'eastus', sku: { name: 'standard' } },
      lro,
    )
    expect(second).toMatchObject({ endpoint: first.endpoint, sku: { name: 'standard' } })
  })

  it('accepts a minimal body and echoes properties it does not model', async () => {
    const path = `${sub}/resourceGroups/${RG}/providers/Microsoft.AppConfiguration/configurationStores/appcs-minimal?api-version=2024-05-01`
    const response = await armFetch(emulator, path, {
      method: 'PUT',
      body: { location: 'eastus', properties: { dataPlaneProxy: { authenticationMode: 'Pass-through' } } },
    })
    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({
      sku: { name: 'free' },
      properties: { provisioningState: 'Succeeded', dataPlaneProxy: { authenticationMode: 'Pass-through' } },
    })
  })

  it('deletes a store: its listener stops and a read answers 404 ResourceNotFound', async () => {
    const store = await stores().beginCreateAndWait(
      RG,
      'appcs-gone',
      { location: 'eastus', sku: { name: 'free' } },
      lro,
    )
    await stores().beginDeleteAndWait(RG, 'appcs-gone', lro)
    expect(await armError(stores().get(RG, 'appcs-gone'))).toMatchObject({
      statusCode: 404,
      code: 'ResourceNotFound',
    })
    await expect(fetch(`${store.endpoint}/kv?api-version=2023-11-01`)).rejects.toThrow()
  })

  it('stops the stores of a deleted resource group and drops their settings', async () => {
    await arm.resources.resourceGroups.createOrUpdate('rg-stores-doomed', { location: 'eastus' })
    const store = await stores().beginCreateAndWait(
      'rg-stores-doomed',
      'appcs-doomed',
      { location: 'eastus', sku: { name: 'free' } },
      lro,
    )
    await grantDataOwner(`${sub}/resourceGroups/rg-stores-doomed`)
    const client = new AppConfigurationClient(store.endpoint as string, developerCredential(emulator))
    await client.setConfigurationSetting({ key: 'doomed', value: '1' })
    await arm.resources.resourceGroups.delete('rg-stores-doomed', lro)
    await expect(fetch(`${store.endpoint}/kv?api-version=2023-11-01`)).rejects.toThrow()
    await arm.resources.resourceGroups.createOrUpdate('rg-stores-doomed', { location: 'eastus' })
    const reborn = await stores().beginCreateAndWait(
      'rg-stores-doomed',
      'appcs-doomed',
      { location: 'eastus', sku: { name: 'free' } },
      lro,
    )
    await grantDataOwner(reborn.id as string)
    const rebornClient = new AppConfigurationClient(reborn.endpoint as string, developerCredential(emulator))
    const keys: string[] = []
    for await (const setting of rebornClient.listConfigurationSettings()) keys.push(setting.key)
    expect(keys).toEqual([])
  })

  it('creates one store (one endpoint) when 5 creates of it race', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        stores().beginCreateAndWait(RG, 'appcs-race', { location: 'eastus', sku: { name: 'free' } }, lro),
      ),
    )
    expect(new Set(results.map((store) => store.endpoint)).size).toBe(1)
  })

  it('answers a store in a missing resource group with 404 ResourceGroupNotFound', async () => {
    const error = await armError(
      stores().beginCreateAndWait(
        'rg-absent',
        'appcs-nowhere',
        { location: 'eastus', sku: { name: 'free' } },
        lro,
      ),
    )
    expect(error).toMatchObject({ statusCode: 404, code: 'ResourceGroupNotFound' })
  })

  it.each([
    ['shorter than 5 characters', 'abcd'],
    ['with an underscore', 'appcs_under'],
    ['longer than 50 characters', 'a'.repeat(51)],
  ])('refuses a name %s with 400 InvalidResourceName', async (_, name) => {
    const path = `${sub}/resourceGroups/${RG}/providers/Microsoft.AppConfiguration/configurationStores/${name}?api-version=2024-05-01`
    const response = await armFetch(emulator, path, {
      method: 'PUT',
      body: { location: 'eastus', sku: { name: 'free' } },
    })
    expect(response.status).toBe(400)
    expect(response.body?.error?.code).toBe('InvalidResourceName')
  })
})
