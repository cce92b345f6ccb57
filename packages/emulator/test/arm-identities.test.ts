import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../src/index.ts'
import { type ArmClients, armClients, armError, armFetch } from './helpers/arm-clients.ts'
import { startTestEmulator } from './helpers/emulator.ts'

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describe('ARM user-assigned identities (@azure/arm-msi)', () => {
  let emulator: RunningEmulator
  let arm: ArmClients

  beforeAll(async () => {
    emulator = await startTestEmulator()
    arm = armClients(emulator)
    await arm.resources.resourceGroups.createOrUpdate('rg-ids', { location: 'eastus' })
    await arm.resources.resourceGroups.createOrUpdate('rg-other', { location: 'eastus' })
  })
  afterAll(() => emulator.stop())

  it('creates an identity with generated principal and client IDs, under ARM lower-case resourcegroups', async () => {
    const identity = await arm.msi.userAssignedIdentities.createOrUpdate('rg-ids', 'id-app', {
      location: 'East US',
      tags: { app: 'shop' },
    })
    expect(identity).toMatchObject({
      id: `/subscriptions/${emulator.subscriptionId}/resourcegroups/rg-ids/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-app`,
      name: 'id-app',
      type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
      location: 'eastus',
      tags: { app: 'shop' },
      tenantId: emulator.tenantId,
    })
    expect(identity.principalId).toMatch(GUID)
    expect(identity.clientId).toMatch(GUID)
    expect(identity.clientId).not.toBe(identity.principalId)
  })

  it('keeps tenant, principal and client IDs when the identity is PUT again', async () => {
    const first = await arm.msi.userAssignedIdentities.createOrUpdate('rg-ids', 'id-stable', {
      location: 'eastus',
    })
    const second = await arm.msi.userAssignedIdentities.createOrUpdate('rg-ids', 'id-stable', {
      location: 'eastus',
      tags: { again: 'yes' },
    })
    expect(second).toMatchObject({
      principalId: first.principalId,
      clientId: first.clientId,
      tenantId: first.tenantId,
      tags: { again: 'yes' },
    })
  })

  it('gets an identity by name in any casing and keeps the name it was created with', async () => {
    const created = await arm.msi.userAssignedIdentities.createOrUpdate('rg-ids', 'Id-Cased', {
      location: 'eastus',
    })
    const read = await arm.msi.userAssignedIdentities.get('RG-IDS', 'id-cased')
    expect(read).toMatchObject({ name: 'Id-Cased', id: created.id, principalId: created.principalId })
  })

  it('updates tags with PATCH', async () => {
    await arm.msi.userAssignedIdentities.createOrUpdate('rg-ids', 'id-patch', {
      location: 'eastus',
      tags: { a: '1' },
    })
    const updated = await arm.msi.userAssignedIdentities.update('rg-ids', 'id-patch', { tags: { b: '2' } })
    expect(updated.tags).toEqual({ b: '2' })
  })

  it('lists identities by resource group and by subscription', async () => {
    await arm.msi.userAssignedIdentities.createOrUpdate('rg-other', 'id-elsewhere', { location: 'eastus' })
    const inGroup: string[] = []
    for await (const identity of arm.msi.userAssignedIdentities.listByResourceGroup('rg-other')) {
      inGroup.push(identity.name ?? '')
    }
    const inSubscription: string[] = []
    for await (const identity of arm.msi.userAssignedIdentities.listBySubscription()) {
      inSubscription.push(identity.name ?? '')
    }
    expect(inGroup).toEqual(['id-elsewhere'])
    expect(inSubscription).toEqual(expect.arrayContaining(['id-elsewhere', 'id-app']))
  })

  it('deletes an identity; a second delete is accepted (204) and a read answers 404 ResourceNotFound', async () => {
    await arm.msi.userAssignedIdentities.createOrUpdate('rg-ids', 'id-gone', { location: 'eastus' })
    await arm.msi.userAssignedIdentities.delete('rg-ids', 'id-gone')
    await arm.msi.userAssignedIdentities.delete('rg-ids', 'id-gone')
    const error = await armError(arm.msi.userAssignedIdentities.get('rg-ids', 'id-gone'))
    expect(error).toMatchObject({ statusCode: 404, code: 'ResourceNotFound' })
    expect(error.message).toContain(
      "The Resource 'Microsoft.ManagedIdentity/userAssignedIdentities/id-gone' under resource group 'rg-ids' was not found.",
    )
  })

  it('answers 404 ResourceGroupNotFound when the group does not exist', async () => {
    const error = await armError(
      arm.msi.userAssignedIdentities.createOrUpdate('rg-absent', 'id-x', { location: 'eastus' }),
    )
    expect(error).toMatchObject({ statusCode: 404, code: 'ResourceGroupNotFound' })
  })

  it.each([
    ['shorter than 3 characters', 'ab'],
    ['starting with a hyphen', '-abc'],
    ['containing a period', 'id.app'],
    ['longer than 128 characters', `i${'d'.repeat(128)}`],
  ])('refuses a name %s with 400 InvalidResourceName', async (_, name) => {
    const error = await armError(
      arm.msi.userAssignedIdentities.createOrUpdate('rg-ids', name, { location: 'eastus' }),
    )
    expect(error).toMatchObject({ statusCode: 400, code: 'InvalidResourceName' })
  })

  it('refuses to move an identity to another location (409 InvalidResourceLocation)', async () => {
    await arm.msi.userAssignedIdentities.createOrUpdate('rg-ids', 'id-fixed', { location: 'eastus' })
    const error = await armError(
      arm.msi.userAssignedIdentities.createOrUpdate('rg-ids', 'id-fixed', { location: 'westus' }),
    )
    expect(error).toMatchObject({ statusCode: 409, code: 'InvalidResourceLocation' })
  })

  it('creates one identity once when 10 PUTs for it race: one 201, the rest 200, one client ID', async () => {
    const path = `/subscriptions/${emulator.subscriptionId}/resourceGroups/rg-ids/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-race?api-version=2024-11-30`
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        armFetch(emulator, path, { method: 'PUT', body: { location: 'eastus' } }),
      ),
    )
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1)
    expect(responses.filter((r) => r.status === 200)).toHaveLength(9)
    const clientIds = new Set(
      responses.map((r) => (r.body?.properties as { clientId?: string } | undefined)?.clientId),
    )
    expect(clientIds.size).toBe(1)
  })
})
