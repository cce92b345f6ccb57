import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../src/index.ts'
import { type ArmClients, armClients, armError, armFetch, lro } from './helpers/arm-clients.ts'
import { startTestEmulator } from './helpers/emulator.ts'

const RG = 'rg-prereq'
const NETWORK_API = '2024-05-01'

describe('ARM prerequisite resources of hosts', () => {
  let emulator: RunningEmulator
  let arm: ArmClients
  let rgId: string
  const id = (type: string, name: string) => `${rgId}/providers/${type}/${name}`

  beforeAll(async () => {
    emulator = await startTestEmulator()
    arm = armClients(emulator)
    await arm.resources.resourceGroups.createOrUpdate(RG, { location: 'eastus' })
    rgId = `/subscriptions/${emulator.subscriptionId}/resourceGroups/${RG}`
  })
  afterAll(() => emulator.stop())

  describe('App Service plans (Microsoft.Web/serverfarms)', () => {
    it('creates, reads, updates, lists and deletes a plan with the arm-appservice client', async () => {
      const created = await arm.web.appServicePlans.beginCreateOrUpdateAndWait(
        RG,
        'asp-prereq',
        {
          location: 'East US',
          kind: 'linux',
          reserved: true,
          sku: { name: 'B1', tier: 'Basic', capacity: 1 },
        },
        lro,
      )
      expect(created).toMatchObject({
        id: id('Microsoft.Web/serverfarms', 'asp-prereq'),
        name: 'asp-prereq',
        type: 'Microsoft.Web/serverfarms',
        location: 'eastus',
        kind: 'linux',
        reserved: true,
        provisioningState: 'Succeeded',
        sku: { name: 'B1', tier: 'Basic', capacity: 1 },
      })
      const updated = await arm.web.appServicePlans.update(RG, 'asp-prereq', { perSiteScaling: true })
      expect(updated).toMatchObject({ perSiteScaling: true, reserved: true })
      expect((await arm.web.appServicePlans.get(RG, 'asp-prereq')).perSiteScaling).toBe(true)
      const listed = []
      for await (const plan of arm.web.appServicePlans.listByResourceGroup(RG)) listed.push(plan.name)
      expect(listed).toContain('asp-prereq')
      await arm.web.appServicePlans.delete(RG, 'asp-prereq')
      const gone = await armError(arm.web.appServicePlans.get(RG, 'asp-prereq'))
      expect(gone).toMatchObject({ statusCode: 404, code: 'ResourceNotFound' })
    })

    it('lets a site reference an existing plan, and counts it on the plan', async () => {
      await arm.web.appServicePlans.beginCreateOrUpdateAndWait(RG, 'asp-used', { location: 'eastus' }, lro)
      const planId = id('Microsoft.Web/serverfarms', 'asp-used')
      const site = await arm.web.webApps.beginCreateOrUpdateAndWait(
        RG,
        'web-on-plan',
        { location: 'eastus', serverFarmId: planId },
        lro,
      )
      expect(site.serverFarmId).toBe(planId)
      expect((await arm.web.appServicePlans.get(RG, 'asp-used')).numberOfSites).toBe(1)
    })

    it("refuses a site whose plan does not exist, as App Service does (404 NotFound 'Cannot find ServerFarm')", async () => {
      const error = await armError(
        arm.web.webApps.beginCreateOrUpdateAndWait(
          RG,
          'web-no-plan',
          { location: 'eastus', serverFarmId: id('Microsoft.Web/serverfarms', 'asp-missing') },
          lro,
        ),
      )
      expect(error).toMatchObject({ statusCode: 404, code: 'NotFound' })
      expect(error.message).toContain('Cannot find ServerFarm with name asp-missing')
      expect(await armError(arm.web.webApps.get(RG, 'web-no-plan'))).toMatchObject({ statusCode: 404 })
    })

    it('refuses a serverFarmId that is not a resource ID, and accepts one in another subscription unchecked', async () => {
      const malformed = await armError(
        arm.web.webApps.beginCreateOrUpdateAndWait(
          RG,
          'web-bad-ref',
          { location: 'eastus', serverFarmId: 'asp' },
          lro,
        ),
      )
      expect(malformed).toMatchObject({ statusCode: 400, code: 'LinkedInvalidPropertyId' })
      const elsewhere =
        '/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg/providers/Microsoft.Web/serverfarms/asp'
      const site = await arm.web.webApps.beginCreateOrUpdateAndWait(
        RG,
        'web-other-sub',
        { location: 'eastus', serverFarmId: elsewhere },
        lro,
      )
      expect(site.serverFarmId).toBe(elsewhere)
    })
  })

  describe('Container Apps environments (Microsoft.App/managedEnvironments)', () => {
    it('creates, reads, updates, lists and deletes an environment with the arm-appcontainers client', async () => {
      const created = await arm.containerApps.managedEnvironments.beginCreateOrUpdateAndWait(
        RG,
        'cae-prereq',
        {
          location: 'eastus',
          workloadProfiles: [{ name: 'Consumption', workloadProfileType: 'Consumption' }],
        },
        lro,
      )
      expect(created).toMatchObject({
        id: id('Microsoft.App/managedEnvironments', 'cae-prereq'),
        provisioningState: 'Succeeded',
        workloadProfiles: [{ name: 'Consumption', workloadProfileType: 'Consumption' }],
        defaultDomain: expect.stringMatching(/^[0-9a-f]{8}\.eastus\.azurecontainerapps\.io$/),
      })
      const updated = await arm.containerApps.managedEnvironments.beginUpdateAndWait(
        RG,
        'cae-prereq',
        { location: 'eastus', tags: { env: 'test' } },
        lro,
      )
      expect(updated.tags).toEqual({ env: 'test' })
      expect(updated.workloadProfiles).toHaveLength(1)
      const listed = []
      for await (const environment of arm.containerApps.managedEnvironments.listByResourceGroup(RG)) {
        listed.push(environment.name)
      }
      expect(listed).toContain('cae-prereq')
      await arm.containerApps.managedEnvironments.beginDeleteAndWait(RG, 'cae-prereq', lro)
      expect(await armError(arm.containerApps.managedEnvironments.get(RG, 'cae-prereq'))).toMatchObject({
        statusCode: 404,
        code: 'ResourceNotFound',
      })
    })

    it('lets a container app reference an existing environment by managedEnvironmentId or environmentId', async () => {
      await arm.containerApps.managedEnvironments.beginCreateOrUpdateAndWait(
        RG,
        'cae-used',
        { location: 'eastus' },
        lro,
      )
      const environmentId = id('Microsoft.App/managedEnvironments', 'cae-used')
      const app = await arm.containerApps.containerApps.beginCreateOrUpdateAndWait(
        RG,
        'ca-on-env',
        { location: 'eastus', managedEnvironmentId: environmentId, environmentId },
        lro,
      )
      expect(app.managedEnvironmentId).toBe(environmentId)
    })

    it('refuses a container app whose environment does not exist (400 ManagedEnvironmentNotFound)', async () => {
      const missing = id('Microsoft.App/managedEnvironments', 'cae-missing')
      for (const body of [{ managedEnvironmentId: missing }, { environmentId: missing }]) {
        const error = await armError(
          arm.containerApps.containerApps.beginCreateOrUpdateAndWait(
            RG,
            'ca-no-env',
            { location: 'eastus', ...body },
            lro,
          ),
        )
        expect(error).toMatchObject({ statusCode: 400, code: 'ManagedEnvironmentNotFound' })
        expect(error.message).toContain(missing)
      }
    })
  })

  describe('networks (Microsoft.Network) through the generic by-ID calls of arm-resources', () => {
    const vnetId = () => id('Microsoft.Network/virtualNetworks', 'vnet-prereq')
    const nicId = () => id('Microsoft.Network/networkInterfaces', 'nic-prereq')

    it('creates a virtual network with its subnets as child resources, readable by their own IDs', async () => {
      const vnet = await arm.resources.resources.beginCreateOrUpdateByIdAndWait(
        vnetId(),
        NETWORK_API,
        {
          location: 'eastus',
          properties: {
            addressSpace: { addressPrefixes: ['10.42.0.0/16'] },
            subnets: [{ name: 'default', properties: { addressPrefix: '10.42.0.0/24' } }],
          },
        },
        lro,
      )
      expect(vnet).toMatchObject({
        id: vnetId(),
        type: 'Microsoft.Network/virtualNetworks',
        properties: {
          provisioningState: 'Succeeded',
          addressSpace: { addressPrefixes: ['10.42.0.0/16'] },
          subnets: [
            {
              id: `${vnetId()}/subnets/default`,
              name: 'default',
              type: 'Microsoft.Network/virtualNetworks/subnets',
              properties: { addressPrefix: '10.42.0.0/24', provisioningState: 'Succeeded' },
            },
          ],
        },
      })
      const subnet = await arm.resources.resources.getById(`${vnetId()}/subnets/default`, NETWORK_API)
      expect(subnet.properties).toMatchObject({ addressPrefix: '10.42.0.0/24' })
    })

    it('adds, lists and deletes a subnet on its own, and a network PUT replaces the subnets', async () => {
      const subnetId = `${vnetId()}/subnets/extra`
      await arm.resources.resources.beginCreateOrUpdateByIdAndWait(
        subnetId,
        NETWORK_API,
        { properties: { addressPrefix: '10.42.1.0/24' } },
        lro,
      )
      const listed = await armFetch(emulator, `${vnetId()}/subnets?api-version=${NETWORK_API}`)
      expect(listed.body?.value?.map((subnet) => subnet.name)).toEqual(['default', 'extra'])
      await arm.resources.resources.beginDeleteByIdAndWait(subnetId, NETWORK_API, lro)
      expect(await armError(arm.resources.resources.getById(subnetId, NETWORK_API))).toMatchObject({
        statusCode: 404,
        code: 'NotFound',
      })
      const other = id('Microsoft.Network/virtualNetworks', 'vnet-replace')
      const body = (names: string[]) => ({
        location: 'eastus',
        properties: {
          subnets: names.map((name) => ({ name, properties: { addressPrefix: '10.0.0.0/24' } })),
        },
      })
      await arm.resources.resources.beginCreateOrUpdateByIdAndWait(other, NETWORK_API, body(['a', 'b']), lro)
      const replaced = await arm.resources.resources.beginCreateOrUpdateByIdAndWait(
        other,
        NETWORK_API,
        body(['c']),
        lro,
      )
      expect((replaced.properties as { subnets: { name: string }[] }).subnets.map((s) => s.name)).toEqual([
        'c',
      ])
    })

    it('creates a network interface in an existing subnet, and refuses one in a missing subnet (InvalidResourceReference)', async () => {
      const configuration = (subnet: string) => ({
        location: 'eastus',
        properties: {
          ipConfigurations: [
            {
              name: 'ipconfig1',
              properties: { subnet: { id: subnet }, privateIPAllocationMethod: 'Dynamic' },
            },
          ],
        },
      })
      const nic = await arm.resources.resources.beginCreateOrUpdateByIdAndWait(
        nicId(),
        NETWORK_API,
        configuration(`${vnetId()}/subnets/default`),
        lro,
      )
      expect(nic.properties).toMatchObject({
        provisioningState: 'Succeeded',
        ipConfigurations: [{ name: 'ipconfig1' }],
      })
      const missingSubnet = `${vnetId()}/subnets/missing`
      const error = await armError(
        arm.resources.resources.beginCreateOrUpdateByIdAndWait(
          id('Microsoft.Network/networkInterfaces', 'nic-bad'),
          NETWORK_API,
          configuration(missingSubnet),
          lro,
        ),
      )
      expect(error).toMatchObject({ statusCode: 400, code: 'InvalidResourceReference' })
      expect(error.message).toContain(`Resource ${missingSubnet} referenced by resource`)
    })

    it('lets a VM reference an existing network interface and refuses a missing one (InvalidResourceReference)', async () => {
      const vm = await arm.compute.virtualMachines.beginCreateOrUpdateAndWait(
        RG,
        'vm-on-nic',
        { location: 'eastus', networkProfile: { networkInterfaces: [{ id: nicId(), primary: true }] } },
        lro,
      )
      expect(vm.networkProfile?.networkInterfaces?.[0]?.id).toBe(nicId())
      const missing = id('Microsoft.Network/networkInterfaces', 'nic-missing')
      const error = await armError(
        arm.compute.virtualMachines.beginCreateOrUpdateAndWait(
          RG,
          'vm-no-nic',
          { location: 'eastus', networkProfile: { networkInterfaces: [{ id: missing }] } },
          lro,
        ),
      )
      expect(error).toMatchObject({ statusCode: 400, code: 'InvalidResourceReference' })
      expect(error.message).toContain(missing)
    })

    it('creates network security groups and public IP addresses, echoing properties it does not model', async () => {
      for (const [type, name] of [
        ['Microsoft.Network/networkSecurityGroups', 'nsg-prereq'],
        ['Microsoft.Network/publicIPAddresses', 'pip-prereq'],
      ] as const) {
        const resource = await arm.resources.resources.beginCreateOrUpdateByIdAndWait(
          id(type, name),
          NETWORK_API,
          { location: 'eastus', sku: { name: 'Standard' }, properties: { madeUp: { nested: [1, 2] } } },
          lro,
        )
        expect(resource).toMatchObject({
          id: id(type, name),
          type,
          sku: { name: 'Standard' },
          properties: { madeUp: { nested: [1, 2] }, provisioningState: 'Succeeded' },
        })
      }
    })
  })

  describe('Log Analytics workspaces and container registries', () => {
    it('creates both with a minimal body and computes their generated properties', async () => {
      const workspace = await arm.resources.resources.beginCreateOrUpdateByIdAndWait(
        id('Microsoft.OperationalInsights/workspaces', 'log-prereq'),
        '2023-09-01',
        { location: 'eastus' },
        lro,
      )
      expect(workspace.properties).toMatchObject({
        provisioningState: 'Succeeded',
        customerId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      })
      const registry = await arm.resources.resources.beginCreateOrUpdateByIdAndWait(
        id('Microsoft.ContainerRegistry/registries', 'AcrPrereq1'),
        '2023-07-01',
        { location: 'eastus', sku: { name: 'Basic' } },
        lro,
      )
      expect(registry).toMatchObject({
        sku: { name: 'Basic' },
        properties: { provisioningState: 'Succeeded', loginServer: 'acrprereq1.azurecr.io' },
      })
    })
  })

  describe('rules shared with every tracked resource', () => {
    it('requires the api-version', async () => {
      const response = await armFetch(emulator, id('Microsoft.Web/serverfarms', 'asp-noversion'), {
        method: 'PUT',
        body: { location: 'eastus' },
      })
      expect(response.status).toBe(400)
      expect(response.body?.error?.code).toBe('MissingApiVersionParameter')
    })

    it.each([
      ['Microsoft.Web/serverfarms', 'asp_underscore'],
      ['Microsoft.App/managedEnvironments', 'Cae-Upper'],
      ['Microsoft.Network/virtualNetworks', 'vnet-ends-with-dot.'],
      ['Microsoft.Network/networkInterfaces', '-nic'],
      ['Microsoft.OperationalInsights/workspaces', 'abc'],
      ['Microsoft.ContainerRegistry/registries', 'acr-with-hyphen'],
    ])('refuses an invalid %s name with 400 InvalidResourceName', async (type, name) => {
      const response = await armFetch(emulator, `${id(type, name)}?api-version=2024-05-01`, {
        method: 'PUT',
        body: { location: 'eastus' },
      })
      expect(response.status).toBe(400)
      expect(response.body?.error?.code).toBe('InvalidResourceName')
    })

    it('needs a location, keeps it, and needs the resource group to exist', async () => {
      const path = `${id('Microsoft.Web/serverfarms', 'asp-rules')}?api-version=2025-05-01`
      const noLocation = await armFetch(emulator, path, { method: 'PUT', body: { properties: {} } })
      expect(noLocation.body?.error?.code).toBe('LocationRequired')
      await armFetch(emulator, path, { method: 'PUT', body: { location: 'eastus' } })
      const moved = await armFetch(emulator, path, { method: 'PUT', body: { location: 'westus' } })
      expect(moved.status).toBe(409)
      expect(moved.body?.error?.code).toBe('InvalidResourceLocation')
      const noGroup = await armError(
        arm.web.appServicePlans.beginCreateOrUpdateAndWait(
          'rg-missing',
          'asp-rules',
          { location: 'eastus' },
          lro,
        ),
      )
      expect(noGroup).toMatchObject({ statusCode: 404, code: 'ResourceGroupNotFound' })
    })

    it('reports the new providers as registered with their resource types', async () => {
      const network = await armFetch(
        emulator,
        `/subscriptions/${emulator.subscriptionId}/providers/Microsoft.Network?api-version=2021-04-01`,
      )
      expect(network.body).toMatchObject({ namespace: 'Microsoft.Network', registrationState: 'Registered' })
      const types = ((network.body?.resourceTypes ?? []) as { resourceType: string }[]).map(
        (t) => t.resourceType,
      )
      expect(types).toEqual(
        expect.arrayContaining(['virtualNetworks', 'virtualNetworks/subnets', 'networkInterfaces']),
      )
    })

    it('deletes every prerequisite with its resource group', async () => {
      const group = 'rg-prereq-cascade'
      const groupId = `/subscriptions/${emulator.subscriptionId}/resourceGroups/${group}`
      await arm.resources.resourceGroups.createOrUpdate(group, { location: 'eastus' })
      await arm.web.appServicePlans.beginCreateOrUpdateAndWait(
        group,
        'asp-cascade',
        { location: 'eastus' },
        lro,
      )
      await arm.containerApps.managedEnvironments.beginCreateOrUpdateAndWait(
        group,
        'cae-cascade',
        { location: 'eastus' },
        lro,
      )
      const vnet = `${groupId}/providers/Microsoft.Network/virtualNetworks/vnet-cascade`
      await arm.resources.resources.beginCreateOrUpdateByIdAndWait(
        vnet,
        NETWORK_API,
        { location: 'eastus', properties: { subnets: [{ name: 'default', properties: {} }] } },
        lro,
      )
      await arm.resources.resourceGroups.beginDeleteAndWait(group, lro)
      await arm.resources.resourceGroups.createOrUpdate(group, { location: 'eastus' })
      expect(await armError(arm.web.appServicePlans.get(group, 'asp-cascade'))).toMatchObject({
        statusCode: 404,
      })
      expect(await armError(arm.containerApps.managedEnvironments.get(group, 'cae-cascade'))).toMatchObject({
        statusCode: 404,
      })
      expect(
        await armError(arm.resources.resources.getById(`${vnet}/subnets/default`, NETWORK_API)),
      ).toMatchObject({
        statusCode: 404,
      })
      const plans = await armFetch(
        emulator,
        `/subscriptions/${emulator.subscriptionId}/providers/Microsoft.Web/serverfarms?api-version=2025-05-01`,
      )
      expect(plans.body?.value?.map((plan) => plan.name)).not.toContain('asp-cascade')
    })
  })
})

describe('ARM prerequisite resources across an emulator restart', () => {
  let stateDir: string
  let emulator: RunningEmulator | undefined

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'uami-arm-prereq-'))
  })
  afterAll(async () => {
    await emulator?.stop()
    await rm(stateDir, { recursive: true, force: true })
  })

  it('keeps plans and networks with their subnets', async () => {
    emulator = await startTestEmulator({ stateDir })
    let arm = armClients(emulator)
    await arm.resources.resourceGroups.createOrUpdate('rg-keep', { location: 'eastus' })
    await arm.web.appServicePlans.beginCreateOrUpdateAndWait(
      'rg-keep',
      'asp-keep',
      { location: 'eastus' },
      lro,
    )
    const vnet = `/subscriptions/${emulator.subscriptionId}/resourceGroups/rg-keep/providers/Microsoft.Network/virtualNetworks/vnet-keep`
    await arm.resources.resources.beginCreateOrUpdateByIdAndWait(
      vnet,
      NETWORK_API,
      {
        location: 'eastus',
        properties: { subnets: [{ name: 'default', properties: { addressPrefix: '10.0.0.0/24' } }] },
      },
      lro,
    )
    await emulator.stop()
    emulator = await startTestEmulator({ stateDir })
    arm = armClients(emulator)
    expect((await arm.web.appServicePlans.get('rg-keep', 'asp-keep')).provisioningState).toBe('Succeeded')
    const subnet = await arm.resources.resources.getById(`${vnet}/subnets/default`, NETWORK_API)
    expect(subnet.properties).toMatchObject({ addressPrefix: '10.0.0.0/24' })
  })
})
