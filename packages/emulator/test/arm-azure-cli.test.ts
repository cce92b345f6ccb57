import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../src/index.ts'
import { type ArmClients, armClients, armFetch } from './helpers/arm-clients.ts'
import { developerCredential, startTestEmulator } from './helpers/emulator.ts'

const RG = 'rg-cli'
const READER = '516239f1-63e1-4d78-a4de-a74fb236a071'

/** The routes the Azure CLI needs around the modelled resources (found by running the guides' az commands). */
describe('ARM and Graph routes the Azure CLI uses', () => {
  let emulator: RunningEmulator
  let arm: ArmClients
  let sub: string
  const rgPath = () => `/subscriptions/${sub}/resourceGroups/${RG}`

  beforeAll(async () => {
    emulator = await startTestEmulator()
    arm = armClients(emulator)
    sub = emulator.subscriptionId
    await arm.resources.resourceGroups.createOrUpdate(RG, { location: 'swedencentral' })
  })
  afterAll(() => emulator.stop())

  const graphToken = async () =>
    (await developerCredential(emulator).getToken(`${emulator.armEndpoint}/.default`)).token

  it('answers Graph /v1.0/me with the developer as the signed-in user', async () => {
    const response = await armFetch(emulator, '/v1.0/me', { token: await graphToken() })
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({
      id: emulator.developer.objectId,
      userPrincipalName: 'developer@uami.local',
    })
    const anonymous = await armFetch(emulator, '/v1.0/me', { token: null })
    expect(anonymous.status).toBe(401)
    expect(anonymous.body?.error?.code).toBe('InvalidAuthenticationToken')
  })

  it('resolves directory objects by ID (user for the developer, service principal for an identity)', async () => {
    const identity = await arm.msi.userAssignedIdentities.createOrUpdate(RG, 'id-graph', {
      location: 'swedencentral',
    })
    const response = await armFetch(emulator, '/v1.0/directoryObjects/getByIds', {
      method: 'POST',
      token: await graphToken(),
      body: {
        ids: [emulator.developer.objectId, identity.principalId, '00000000-0000-0000-0000-000000000000'],
      },
    })
    expect(response.status).toBe(200)
    expect(response.body?.value).toEqual([
      expect.objectContaining({ '@odata.type': '#microsoft.graph.user', id: emulator.developer.objectId }),
      expect.objectContaining({
        '@odata.type': '#microsoft.graph.servicePrincipal',
        id: identity.principalId,
        servicePrincipalNames: [identity.clientId],
      }),
    ])
  })

  it('serves the VM image alias document without a token, in Azure format', async () => {
    const response = await fetch(`${emulator.armEndpoint}/uami/vm-image-aliases.json`)
    expect(response.status).toBe(200)
    const doc = (await response.json()) as {
      outputs: { aliases: { value: { Linux: Record<string, unknown> } } }
    }
    expect(doc.outputs.aliases.value.Linux.Ubuntu2404).toMatchObject({
      publisher: 'Canonical',
      version: 'latest',
    })
  })

  it('answers the image catalogue for an alias image and 404 for an unknown one', async () => {
    const base = `/subscriptions/${sub}/providers/Microsoft.Compute/locations/swedencentral/publishers/Canonical/artifacttypes/vmimage/offers/ubuntu-24_04-lts/skus/server/versions`
    const list = await armFetch(emulator, `${base}?api-version=2022-08-01&$top=1&$orderby=name desc`)
    expect(list.status).toBe(200)
    const [latest] = list.body as unknown as { name: string }[]
    expect(latest?.name).toMatch(/^\d+\.\d+\.\d+$/)
    const one = await armFetch(emulator, `${base}/${latest?.name}?api-version=2022-08-01`)
    expect(one.body).toMatchObject({ properties: { osDiskImage: { operatingSystem: 'Linux' } } })
    const unknown = await armFetch(emulator, `${base.replace('server', 'nope')}/1.0.0?api-version=2022-08-01`)
    expect(unknown.status).toBe(404)
  })

  it('checks web app names, lists the Node stacks and creates plans and sites with 200', async () => {
    const check = (name: string) =>
      armFetch(
        emulator,
        `/subscriptions/${sub}/providers/Microsoft.Web/checknameavailability?api-version=2022-03-01`,
        {
          method: 'POST',
          body: { name, type: 'Site' },
        },
      )
    expect((await check('app-cli')).body).toMatchObject({ nameAvailable: true })
    const stacks = await armFetch(
      emulator,
      '/providers/Microsoft.Web/webAppStacks?api-version=2022-03-01&stackOsType=Linux',
    )
    expect(JSON.stringify(stacks.body)).toContain('NODE|22-lts')
    const plan = await armFetch(
      emulator,
      `${rgPath()}/providers/Microsoft.Web/serverfarms/asp-cli?api-version=2022-03-01`,
      {
        method: 'PUT',
        body: { location: 'swedencentral', sku: { name: 'B1' }, properties: { reserved: true } },
      },
    )
    expect(plan.status).toBe(200)
    const site = await armFetch(
      emulator,
      `${rgPath()}/providers/Microsoft.Web/sites/app-cli?api-version=2022-03-01`,
      {
        method: 'PUT',
        body: { location: 'swedencentral', properties: { serverFarmId: plan.body?.id } },
      },
    )
    expect(site.status).toBe(200)
    expect((await check('APP-cli')).body).toMatchObject({ nameAvailable: false, reason: 'AlreadyExists' })
    const token = (await developerCredential(emulator).getToken('https://management.azure.com/.default'))
      .token
    const xml = await fetch(
      `${emulator.armEndpoint}${rgPath()}/providers/Microsoft.Web/sites/app-cli/publishxml?api-version=2022-03-01`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      },
    )
    expect(xml.headers.get('content-type')).toContain('application/xml')
    const text = await xml.text()
    expect(text).toContain('publishMethod="MSDeploy"')
    expect(text).toContain('userPWD=""')
  })

  it('applies a deployment template (az vm create) in dependsOn order, then reports instanceView and runs commands', async () => {
    const n = (type: string, name: string) => `[resourceId('${type}', '${name}')]`
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { adminPassword: { type: 'securestring' } },
      resources: [
        {
          name: 'vm-cli',
          type: 'Microsoft.Compute/virtualMachines',
          apiVersion: '2022-08-01',
          location: 'swedencentral',
          dependsOn: ['Microsoft.Network/networkInterfaces/vm-cliVMNic'],
          properties: {
            hardwareProfile: { vmSize: 'Standard_B1s' },
            networkProfile: {
              networkInterfaces: [{ id: n('Microsoft.Network/networkInterfaces', 'vm-cliVMNic') }],
            },
            osProfile: { computerName: 'vm-cli', adminUsername: 'azureuser' },
          },
        },
        {
          name: 'vm-cliVMNic',
          type: 'Microsoft.Network/networkInterfaces',
          apiVersion: '2021-02-01',
          location: 'swedencentral',
          dependsOn: [
            'Microsoft.Network/virtualNetworks/vm-cliVNET',
            'Microsoft.Network/networkSecurityGroups/vm-cliNSG',
          ],
          properties: {
            ipConfigurations: [
              {
                name: 'ipconfigvm-cli',
                properties: {
                  privateIPAllocationMethod: 'Dynamic',
                  subnet: {
                    id: `/subscriptions/${sub}/resourceGroups/${RG}/providers/Microsoft.Network/virtualNetworks/vm-cliVNET/subnets/vm-cliSubnet`,
                  },
                },
              },
            ],
            networkSecurityGroup: { id: n('Microsoft.Network/networkSecurityGroups', 'vm-cliNSG') },
          },
        },
        {
          name: 'vm-cliNSG',
          type: 'Microsoft.Network/networkSecurityGroups',
          apiVersion: '2021-02-01',
          location: 'swedencentral',
          properties: { securityRules: [] },
        },
        {
          name: 'vm-cliVNET',
          type: 'Microsoft.Network/virtualNetworks',
          apiVersion: '2021-02-01',
          location: 'swedencentral',
          properties: {
            addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
            subnets: [{ name: 'vm-cliSubnet', properties: { addressPrefix: '10.0.0.0/24' } }],
          },
        },
      ],
      outputs: {},
    }
    const deployment = await armFetch(
      emulator,
      `${rgPath()}/providers/Microsoft.Resources/deployments/vm_deploy_1?api-version=2021-04-01`,
      { method: 'PUT', body: { properties: { template, parameters: {}, mode: 'incremental' } } },
    )
    expect(deployment.status).toBe(200)
    expect(deployment.body).toMatchObject({ properties: { provisioningState: 'Succeeded' } })
    const vm = await arm.compute.virtualMachines.get(RG, 'vm-cli', { expand: 'instanceView' })
    expect(vm.networkProfile?.networkInterfaces?.[0]?.id).toBe(
      `/subscriptions/${sub}/resourceGroups/${RG}/providers/Microsoft.Network/networkInterfaces/vm-cliVMNic`,
    )
    expect(vm.instanceView?.statuses?.map((s) => s.code)).toContain('PowerState/running')
    const view = await armFetch(
      emulator,
      `${rgPath()}/providers/Microsoft.Compute/virtualMachines/vm-cli/instanceView?api-version=2022-08-01`,
    )
    expect(view.body).toMatchObject({
      statuses: expect.arrayContaining([expect.objectContaining({ code: 'PowerState/running' })]),
    })
    const run = await arm.compute.virtualMachines.beginRunCommandAndWait(RG, 'vm-cli', {
      commandId: 'RunShellScript',
      script: ['echo hi'],
    })
    expect(run.value?.[0]?.code).toBe('ProvisioningState/succeeded')
    const missing = await armFetch(
      emulator,
      `${rgPath()}/providers/Microsoft.Compute/virtualMachines/nope/runCommand?api-version=2022-08-01`,
      {
        method: 'POST',
        body: { commandId: 'RunShellScript' },
      },
    )
    expect(missing.status).toBe(404)
  })

  it('refuses template expressions it cannot evaluate with InvalidTemplate', async () => {
    const response = await armFetch(
      emulator,
      `${rgPath()}/providers/Microsoft.Resources/deployments/bad?api-version=2021-04-01`,
      {
        method: 'PUT',
        body: {
          properties: {
            template: {
              resources: [
                {
                  type: 'Microsoft.Network/networkSecurityGroups',
                  name: "[uniqueString('x')]",
                  location: 'swedencentral',
                },
              ],
            },
          },
        },
      },
    )
    expect(response.status).toBe(400)
    expect(response.body?.error?.code).toBe('InvalidTemplate')
  })

  it('accepts principal type User for the developer (who stands for the signed-in user) and records it', async () => {
    const scope = `/subscriptions/${sub}/resourceGroups/${RG}`
    const created = await arm.authorization.roleAssignments.create(
      scope,
      '0b7c4f6e-2d3a-4c1b-9e8f-1a2b3c4d5e6f',
      {
        roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${READER}`,
        principalId: emulator.developer.objectId,
        principalType: 'User',
      },
    )
    expect(created.principalType).toBe('User')
    const identity = await arm.msi.userAssignedIdentities.createOrUpdate(RG, 'id-type', {
      location: 'swedencentral',
    })
    const refused = await armFetch(
      emulator,
      `${scope}/providers/Microsoft.Authorization/roleAssignments/1b7c4f6e-2d3a-4c1b-9e8f-1a2b3c4d5e6f?api-version=2022-04-01`,
      {
        method: 'PUT',
        body: {
          properties: {
            roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${READER}`,
            principalId: identity.principalId,
            principalType: 'User',
          },
        },
      },
    )
    expect(refused.body?.error?.code).toBe('UnmatchedPrincipalType')
  })
})
