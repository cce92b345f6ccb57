import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_CONFIGURATION_DATA_READER, type RunningEmulator } from '../src/index.ts'
import { armClients, lro } from './helpers/arm-clients.ts'
import { startTestEmulator } from './helpers/emulator.ts'

describe('ARM state across an emulator restart', () => {
  let stateDir: string
  let emulator: RunningEmulator | undefined

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'uami-arm-restart-'))
  })
  afterAll(async () => {
    await emulator?.stop()
    await rm(stateDir, { recursive: true, force: true })
  })

  it('keeps identities, role assignments, hosts (with their secrets) and stores after stop and start', async () => {
    emulator = await startTestEmulator({ stateDir })
    let arm = armClients(emulator)
    const sub = `/subscriptions/${emulator.subscriptionId}`
    await arm.resources.resourceGroups.createOrUpdate('rg-keep', { location: 'eastus' })
    const identity = await arm.msi.userAssignedIdentities.createOrUpdate('rg-keep', 'id-keep', {
      location: 'eastus',
    })
    const assignmentName = randomUUID()
    await arm.authorization.roleAssignments.create(`${sub}/resourceGroups/rg-keep`, assignmentName, {
      roleDefinitionId: `${sub}/providers/Microsoft.Authorization/roleDefinitions/${APP_CONFIGURATION_DATA_READER}`,
      principalId: identity.principalId as string,
      principalType: 'ServicePrincipal',
    })
    const site = await arm.web.webApps.beginCreateOrUpdateAndWait(
      'rg-keep',
      'web-keep',
      {
        location: 'eastus',
        identity: {
          type: 'SystemAssigned, UserAssigned',
          userAssignedIdentities: { [identity.id as string]: {} },
        },
      },
      lro,
    )
    await arm.appConfiguration.configurationStores.beginCreateAndWait(
      'rg-keep',
      'appcs-keep',
      { location: 'eastus', sku: { name: 'standard' } },
      lro,
    )
    const envBefore = emulator.hostEnv(site.id as string)
    await emulator.stop()

    emulator = await startTestEmulator({ stateDir })
    arm = armClients(emulator)
    const again = await arm.msi.userAssignedIdentities.get('rg-keep', 'id-keep')
    expect(again).toMatchObject({
      id: identity.id,
      clientId: identity.clientId,
      principalId: identity.principalId,
      tenantId: identity.tenantId,
    })
    const names: string[] = []
    for await (const a of arm.authorization.roleAssignments.listForScope(`${sub}/resourceGroups/rg-keep`)) {
      names.push(a.name ?? '')
    }
    expect(names).toContain(assignmentName)
    const siteAgain = await arm.web.webApps.get('rg-keep', 'web-keep')
    expect(siteAgain.identity).toMatchObject({
      principalId: site.identity?.principalId,
      userAssignedIdentities: { [identity.id as string]: { clientId: identity.clientId } },
    })
    expect(emulator.hostEnv(site.id as string).IDENTITY_HEADER).toBe(envBefore.IDENTITY_HEADER)
    // The store's data plane listens again (a request without a token is refused by it, not by the network).
    const store = await arm.appConfiguration.configurationStores.get('rg-keep', 'appcs-keep')
    const unauthenticated = await fetch(`${store.endpoint}/kv?api-version=2023-11-01`)
    expect(unauthenticated.status).toBe(401)
  })

  it('persists every one of 20 identities created in parallel', async () => {
    emulator ??= await startTestEmulator({ stateDir })
    let arm = armClients(emulator)
    await arm.resources.resourceGroups.createOrUpdate('rg-burst', { location: 'eastus' })
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        arm.msi.userAssignedIdentities.createOrUpdate('rg-burst', `id-burst-${i}`, { location: 'eastus' }),
      ),
    )
    await emulator.stop()
    emulator = await startTestEmulator({ stateDir })
    arm = armClients(emulator)
    const listed = new Map<string, string>()
    for await (const identity of arm.msi.userAssignedIdentities.listByResourceGroup('rg-burst')) {
      listed.set(identity.name ?? '', identity.principalId ?? '')
    }
    expect(listed.size).toBe(20)
    for (const identity of created) expect(listed.get(identity.name ?? '')).toBe(identity.principalId)
  })
})
