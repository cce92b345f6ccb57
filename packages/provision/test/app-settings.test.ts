import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureAppSettings, ensureHost, ensureResourceGroup } from '../src/index.ts'
import { startTestBed, type TestBed } from './helpers/emulator.ts'

const RG = 'rg-app-settings'
let bed: TestBed

beforeAll(async () => {
  bed = await startTestBed()
  await ensureResourceGroup(bed.clients, { name: RG, location: 'swedencentral' })
})
afterAll(async () => {
  await bed?.emulator.stop()
})

describe('ensureAppSettings on App Service', () => {
  it('merges into the settings the site was created with, and the host environment then has them', async () => {
    const host = await ensureHost(bed.clients, {
      kind: 'app-service',
      resourceGroup: RG,
      name: 'app-settings',
      prerequisites: 'skip',
      appSettings: { KEEP: 'kept', CHANGE: 'old' },
    })
    const initial = await bed.clients.appService.webApps.listApplicationSettings(RG, 'app-settings')
    expect(initial.properties).toEqual({ KEEP: 'kept', CHANGE: 'old' })

    expect(await ensureAppSettings(bed.clients, host, { CHANGE: 'new', ADD: 'added' })).toEqual({
      applied: true,
    })
    const merged = await bed.clients.appService.webApps.listApplicationSettings(RG, 'app-settings')
    expect(merged.properties).toEqual({ KEEP: 'kept', CHANGE: 'new', ADD: 'added' })
    expect(bed.emulator.hostEnv(host.id)).toMatchObject({ KEEP: 'kept', CHANGE: 'new', ADD: 'added' })
  })

  it('is idempotent: the same settings again leave them unchanged', async () => {
    const host = await ensureHost(bed.clients, {
      kind: 'app-service',
      resourceGroup: RG,
      name: 'app-settings-again',
      prerequisites: 'skip',
    })
    await ensureAppSettings(bed.clients, host, { A: '1' })
    await ensureAppSettings(bed.clients, host, { A: '1' })
    const settings = await bed.clients.appService.webApps.listApplicationSettings(RG, 'app-settings-again')
    expect(settings.properties).toEqual({ A: '1' })
  })
})

describe('ensureAppSettings on Container Apps', () => {
  it("changes the first container's env, and the host environment then has it", async () => {
    const host = await ensureHost(bed.clients, {
      kind: 'container-apps',
      resourceGroup: RG,
      name: 'ca-app-settings',
      prerequisites: 'skip',
      appSettings: { GREETING: 'old' },
    })
    await ensureAppSettings(bed.clients, host, { GREETING: 'new' })
    expect(bed.emulator.hostEnv(host.id).GREETING).toBe('new')
  })
})
