import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type AppConfigurationStoreFacts,
  createDataPlaneClient,
  ensureAppConfigurationStore,
  ensureResourceGroup,
  ensureRoleAssignment,
  isProvisionError,
  readSettings,
  seedSettings,
  type WaitInfo,
} from '../src/index.ts'
import { startTestBed, type TestBed } from './helpers/emulator.ts'

const RG = 'rg-settings'
let bed: TestBed

beforeAll(async () => {
  bed = await startTestBed()
  await ensureResourceGroup(bed.clients, { name: RG, location: 'swedencentral' })
})
afterAll(async () => {
  await bed?.emulator.stop()
})

async function store(name: string): Promise<AppConfigurationStoreFacts> {
  return ensureAppConfigurationStore(bed.clients, { resourceGroup: RG, name })
}

async function grantDataOwner(target: AppConfigurationStoreFacts): Promise<void> {
  await ensureRoleAssignment(bed.clients, {
    scope: target.id,
    principalId: bed.emulator.developer.objectId,
    role: 'App Configuration Data Owner',
  })
}

describe('seedSettings', () => {
  it('stops with the Data Owner fix when the developer has only control-plane roles (Owner)', async () => {
    const target = await store('appcs-noaccess')
    const error = await seedSettings(
      { endpoint: target.endpoint, credential: bed.credential },
      { message: 'hi' },
      {
        forbiddenRetry: { timeoutMs: 200, initialDelayMs: 50 },
      },
    ).catch((e: unknown) => e)
    expect(isProvisionError(error, 'UAMI_PROVISION_DATA_PLANE_FORBIDDEN')).toBe(true)
    expect((error as Error).message).toContain(target.endpoint)
    expect((error as Error).message).toContain('"App Configuration Data Owner"')
    expect((error as Error).message).toContain('Owner or Contributor grant no data access')
  })

  it('writes settings and the sentinel, readable through a data-plane client', async () => {
    const target = await store('appcs-seed')
    await grantDataOwner(target)
    const result = await seedSettings(
      { endpoint: target.endpoint, credential: bed.credential },
      { message: 'Hello from App Configuration', 'app:color': 'teal' },
      { sentinelKey: 'app:sentinel' },
    )
    expect(result).toEqual({
      changed: ['message', 'app:color'],
      unchanged: [],
      sentinel: { key: 'app:sentinel', value: '1', changed: true },
    })
    const client = createDataPlaneClient(target.endpoint, bed.credential)
    expect((await client.getConfigurationSetting({ key: 'message' })).value).toBe(
      'Hello from App Configuration',
    )
    expect(await readSettings({ endpoint: target.endpoint, credential: bed.credential })).toEqual({
      message: 'Hello from App Configuration',
      'app:color': 'teal',
      'app:sentinel': '1',
    })
  })

  it('changes nothing on a re-run, and bumps the sentinel only when a value changed', async () => {
    const target = await store('appcs-rerun')
    await grantDataOwner(target)
    const endpoint = { endpoint: target.endpoint, credential: bed.credential }
    await seedSettings(endpoint, { message: 'one', other: 'x' })
    const again = await seedSettings(endpoint, { message: 'one', other: 'x' })
    expect(again).toEqual({
      changed: [],
      unchanged: ['message', 'other'],
      sentinel: { key: 'Settings:Sentinel', value: '1', changed: false },
    })
    const changed = await seedSettings(endpoint, { message: 'two', other: 'x' })
    expect(changed).toEqual({
      changed: ['message'],
      unchanged: ['other'],
      sentinel: { key: 'Settings:Sentinel', value: '2', changed: true },
    })
  })

  it('keeps labels and content types apart from the unlabelled settings', async () => {
    const target = await store('appcs-labels')
    await grantDataOwner(target)
    await seedSettings({ endpoint: target.endpoint, credential: bed.credential }, [
      { key: 'message', value: 'plain' },
      { key: 'message', value: 'staging', label: 'staging', contentType: 'text/plain' },
    ])
    const client = createDataPlaneClient(target.endpoint, bed.credential)
    expect((await client.getConfigurationSetting({ key: 'message' })).value).toBe('plain')
    const labelled = await client.getConfigurationSetting({ key: 'message', label: 'staging' })
    expect(labelled).toMatchObject({ value: 'staging', contentType: 'text/plain' })
  })

  it('waits while a new Data Owner assignment propagates, then writes', async () => {
    const target = await store('appcs-propagating')
    bed.emulator.settings.propagationDelayMs = 1500
    try {
      await grantDataOwner(target)
      const waits: WaitInfo[] = []
      const result = await seedSettings(
        { endpoint: target.endpoint, credential: bed.credential },
        { message: 'late' },
        {
          forbiddenRetry: {
            timeoutMs: 30_000,
            initialDelayMs: 100,
            maxDelayMs: 500,
            onWait: (info) => waits.push(info),
          },
        },
      )
      expect(result.changed).toEqual(['message'])
      expect(waits.length).toBeGreaterThan(0)
      expect(waits[0]?.reason).toContain('403')
    } finally {
      bed.emulator.settings.propagationDelayMs = 0
    }
  })
})
