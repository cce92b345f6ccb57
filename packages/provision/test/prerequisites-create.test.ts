import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ensureHost,
  ensureResourceGroup,
  HOST_KINDS,
  type HostKind,
  isProvisionError,
  NETWORK_API_VERSION,
  type ProvisionSampleOptions,
  providerResourceId,
  provisionSample,
  sameResourceId,
} from '../src/index.ts'
import { startTestBed, type TestBed } from './helpers/emulator.ts'
import { runNode } from './helpers/run-node.ts'

/** A well-formed OpenSSH public key that belongs to nobody (base64 of "dummy-key-for-uami-tests-only"). */
const DUMMY_SSH_PUBLIC_KEY = 'ssh-ed25519 ZHVtbXkta2V5LWZvci11YW1pLXRlc3RzLW9ubHk= uami-tests'
const RG = 'rg-create'
const READ_SETTING = fileURLToPath(new URL('./fixtures/read-setting.mjs', import.meta.url))
let bed: TestBed

beforeAll(async () => {
  bed = await startTestBed()
})
afterAll(async () => {
  await bed?.emulator.stop()
})

function options(kind: HostKind): ProvisionSampleOptions {
  return {
    kind,
    names: {
      resourceGroup: RG,
      store: 'appcs-create',
      identity: `id-create-${kind}`,
      host: `host-create-${kind}`,
    },
    location: 'swedencentral',
    prerequisites: 'create',
    settings: { message: 'Hello from App Configuration' },
    ...(kind === 'vm' ? { host: { sshPublicKey: DUMMY_SSH_PUBLIC_KEY } } : {}),
  }
}

describe.each(HOST_KINDS)("provisionSample with prerequisites: 'create' on %s", (kind) => {
  it('creates what the host runs on, puts the host on it, and reuses both on a re-run', async () => {
    const sample = await provisionSample(bed.clients, options(kind))
    const host = `host-create-${kind}`
    const { clients } = bed
    expect(sample.host.created).toBe(true)
    expect(sample.host.prerequisites).toHaveLength(1)
    const prerequisite = sample.host.prerequisites[0] ?? ''
    if (kind === 'app-service') {
      const plan = await clients.appService.appServicePlans.get(RG, `asp-${host}`)
      expect(plan).toMatchObject({ kind: 'linux', reserved: true, sku: { name: 'B1', tier: 'Basic' } })
      expect(sameResourceId(plan.id ?? '', prerequisite)).toBe(true)
      const site = await clients.appService.webApps.get(RG, host)
      expect(sameResourceId(site.serverFarmId ?? '', prerequisite)).toBe(true)
    } else if (kind === 'container-apps') {
      const environment = await clients.containerApps.managedEnvironments.get(RG, `cae-${host}`)
      expect(environment.workloadProfiles).toEqual([
        { name: 'Consumption', workloadProfileType: 'Consumption' },
      ])
      const app = await clients.containerApps.containerApps.get(RG, host)
      expect(sameResourceId(app.managedEnvironmentId ?? '', prerequisite)).toBe(true)
    } else {
      const vnetId = providerResourceId(
        clients.subscriptionId,
        RG,
        'Microsoft.Network/virtualNetworks',
        `vnet-${host}`,
      )
      const subnet = await clients.resources.resources.getById(
        `${vnetId}/subnets/default`,
        NETWORK_API_VERSION,
      )
      expect(subnet.properties).toMatchObject({ addressPrefix: '10.42.0.0/24' })
      const nic = await clients.resources.resources.getById(prerequisite, NETWORK_API_VERSION)
      expect(nic.name).toBe(`nic-${host}`)
      const vm = await clients.compute.virtualMachines.get(RG, host)
      expect(vm.networkProfile?.networkInterfaces?.map((n) => n.id)).toEqual([prerequisite])
      expect(vm.osProfile?.linuxConfiguration?.ssh?.publicKeys?.[0]?.keyData).toBe(DUMMY_SSH_PUBLIC_KEY)
    }
    const again = await provisionSample(bed.clients, options(kind))
    expect(again.host).toMatchObject({ id: sample.host.id, created: false })
    expect(again.host.prerequisites.map((id) => id.toLowerCase())).toEqual([prerequisite.toLowerCase()])
  })
})

describe.each(['app-service', 'container-apps'] as const)(
  "the %s sample provisioned with prerequisites: 'create'",
  (kind) => {
    it('runs with nothing but its host environment: the app settings Azure would inject carry its configuration', async () => {
      const sample = await provisionSample(bed.clients, options(kind))
      const env = bed.emulator.hostEnv(sample.host.id)
      expect(env).toMatchObject(sample.sampleEnvironment)
      const run = await runNode(READ_SETTING, { ...env, SETTING_KEY: 'message' })
      expect(JSON.parse(run.stdout.trim())).toEqual({
        ok: true,
        found: [sample.identifier.variable, 'APP_CONFIG_ENDPOINT'],
        value: 'Hello from App Configuration',
      })
    })
  },
)

describe("ensureHost with prerequisites: 'skip'", () => {
  beforeAll(async () => {
    await ensureResourceGroup(bed.clients, { name: RG, location: 'swedencentral' })
  })

  it('creates the host on its own when no plan, environment or NIC is named', async () => {
    for (const [kind, name] of [
      ['app-service', 'app-alone'],
      ['container-apps', 'ca-alone'],
      ['vm', 'vm-alone'],
    ] as const) {
      const host = await ensureHost(bed.clients, { kind, resourceGroup: RG, name, prerequisites: 'skip' })
      expect(host).toMatchObject({ created: true, prerequisites: [] })
    }
  })

  it('puts the host on the plan, environment or NIC it is given', async () => {
    const planId = providerResourceId(
      bed.clients.subscriptionId,
      RG,
      'Microsoft.Web/serverfarms',
      'asp-shared',
    )
    await bed.clients.appService.appServicePlans.beginCreateOrUpdateAndWait(RG, 'asp-shared', {
      location: 'swedencentral',
    })
    const site = await ensureHost(bed.clients, {
      kind: 'app-service',
      resourceGroup: RG,
      name: 'app-shared-plan',
      prerequisites: 'skip',
      plan: { id: planId },
    })
    expect(site.prerequisites).toEqual([planId])
    expect((await bed.clients.appService.webApps.get(RG, 'app-shared-plan')).serverFarmId).toBe(planId)
  })

  it("reports a plan that does not exist with App Service's own error, not as a missing resource group", async () => {
    const error = await ensureHost(bed.clients, {
      kind: 'app-service',
      resourceGroup: RG,
      name: 'app-typo-plan',
      prerequisites: 'skip',
      plan: {
        id: providerResourceId(bed.clients.subscriptionId, RG, 'Microsoft.Web/serverfarms', 'asp-typo'),
      },
    }).catch((e: unknown) => e)
    expect(isProvisionError(error, 'UAMI_PROVISION_ARM_REQUEST_FAILED')).toBe(true)
    expect(error).toMatchObject({ statusCode: 404, armCode: 'NotFound' })
    expect((error as Error).message).toContain('Cannot find ServerFarm with name asp-typo')
  })
})
