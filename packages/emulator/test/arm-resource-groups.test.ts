import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../src/index.ts'
import { READER } from '../src/index.ts'
import { type ArmClients, armClients, armError, armFetch, lro } from './helpers/arm-clients.ts'
import { startTestEmulator } from './helpers/emulator.ts'

const API = 'api-version=2025-04-01'

describe('ARM resource groups (@azure/arm-resources)', () => {
  let emulator: RunningEmulator
  let arm: ArmClients
  let rgPath: (name: string) => string

  beforeAll(async () => {
    emulator = await startTestEmulator()
    arm = armClients(emulator)
    rgPath = (name) => `/subscriptions/${emulator.subscriptionId}/resourcegroups/${name}?${API}`
  })
  afterAll(() => emulator.stop())

  it('creates a group with a normalised location and reads it back by name', async () => {
    const created = await arm.resources.resourceGroups.createOrUpdate('Rg-Create', {
      location: 'West Europe',
      tags: { owner: 'tour' },
    })
    expect(created).toMatchObject({
      id: `/subscriptions/${emulator.subscriptionId}/resourceGroups/Rg-Create`,
      name: 'Rg-Create',
      type: 'Microsoft.Resources/resourceGroups',
      location: 'westeurope',
      tags: { owner: 'tour' },
      properties: { provisioningState: 'Succeeded' },
    })
    expect(await arm.resources.resourceGroups.get('rg-create')).toMatchObject({ name: 'Rg-Create' })
  })

  it('answers 201 on create and 200 on a repeated PUT, which replaces the tags', async () => {
    const first = await armFetch(emulator, rgPath('rg-put'), {
      method: 'PUT',
      body: { location: 'eastus', tags: { a: '1' } },
    })
    const second = await armFetch(emulator, rgPath('rg-put'), { method: 'PUT', body: { location: 'eastus' } })
    expect(first.status).toBe(201)
    expect(second.status).toBe(200)
    expect(second.body).toMatchObject({ name: 'rg-put', tags: {} })
  })

  it('checks existence with HEAD: true for an existing group, false otherwise', async () => {
    await arm.resources.resourceGroups.createOrUpdate('rg-exists', { location: 'eastus' })
    expect(await arm.resources.resourceGroups.checkExistence('rg-exists')).toEqual({ body: true })
    expect(await arm.resources.resourceGroups.checkExistence('rg-missing')).toEqual({ body: false })
  })

  it('lists the groups of the subscription', async () => {
    await arm.resources.resourceGroups.createOrUpdate('rg-list-1', { location: 'eastus' })
    await arm.resources.resourceGroups.createOrUpdate('rg-list-2', { location: 'eastus' })
    const names: string[] = []
    for await (const group of arm.resources.resourceGroups.list()) names.push(group.name ?? '')
    expect(names).toEqual(expect.arrayContaining(['rg-list-1', 'rg-list-2']))
  })

  it('updates tags with PATCH and keeps what the PATCH does not mention', async () => {
    await arm.resources.resourceGroups.createOrUpdate('rg-patch', { location: 'eastus', tags: { a: '1' } })
    const patched = await arm.resources.resourceGroups.update('rg-patch', { tags: { b: '2' } })
    expect(patched).toMatchObject({ location: 'eastus', tags: { b: '2' } })
    const untouched = await arm.resources.resourceGroups.update('rg-patch', {})
    expect(untouched.tags).toEqual({ b: '2' })
  })

  it('refuses to move an existing group to another location (409 InvalidResourceGroupLocation)', async () => {
    await arm.resources.resourceGroups.createOrUpdate('rg-moved', { location: 'eastus' })
    const error = await armError(
      arm.resources.resourceGroups.createOrUpdate('rg-moved', { location: 'westus' }),
    )
    expect(error).toMatchObject({ statusCode: 409, code: 'InvalidResourceGroupLocation' })
  })

  it('answers 404 ResourceGroupNotFound for a missing group', async () => {
    const error = await armError(arm.resources.resourceGroups.get('rg-nowhere'))
    expect(error).toMatchObject({ statusCode: 404, code: 'ResourceGroupNotFound' })
    expect(error.message).toBe("Resource group 'rg-nowhere' could not be found.")
    const deletion = await armError(arm.resources.resourceGroups.delete('rg-nowhere', lro))
    expect(deletion).toMatchObject({ statusCode: 404, code: 'ResourceGroupNotFound' })
  })

  it.each([
    ['a name ending in a period', 'rg.'],
    ['a forbidden character', 'rg!name'],
    ['more than 90 characters', 'r'.repeat(91)],
  ])('refuses %s with 400 InvalidResourceName', async (_, name) => {
    const error = await armError(arm.resources.resourceGroups.createOrUpdate(name, { location: 'eastus' }))
    expect(error).toMatchObject({ statusCode: 400, code: 'InvalidResourceName' })
  })

  it('accepts names with periods, parentheses, underscores and hyphens', async () => {
    const group = await arm.resources.resourceGroups.createOrUpdate('rg_(a).b-c', { location: 'eastus' })
    expect(group.name).toBe('rg_(a).b-c')
  })

  it('requires a location (400 LocationRequired)', async () => {
    const response = await armFetch(emulator, rgPath('rg-nolocation'), { method: 'PUT', body: { tags: {} } })
    expect(response.status).toBe(400)
    expect(response.body?.error?.code).toBe('LocationRequired')
  })

  it('answers unparsable JSON with 400 InvalidRequestContent in the ARM envelope', async () => {
    const response = await armFetch(emulator, rgPath('rg-badjson'), {
      method: 'PUT',
      rawBody: '{"location":',
    })
    expect(response.status).toBe(400)
    expect(response.body).toEqual({
      error: { code: 'InvalidRequestContent', message: expect.stringContaining('could not be deserialized') },
    })
  })

  it('deletes a group with everything in it: identities, hosts and role assignments scoped inside', async () => {
    const sub = emulator.subscriptionId
    await arm.resources.resourceGroups.createOrUpdate('rg-doomed', { location: 'eastus' })
    const identity = await arm.msi.userAssignedIdentities.createOrUpdate('rg-doomed', 'id-doomed', {
      location: 'eastus',
    })
    await arm.web.webApps.beginCreateOrUpdateAndWait('rg-doomed', 'web-doomed', { location: 'eastus' }, lro)
    const reader = `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${READER}`
    const inside = `/subscriptions/${sub}/resourceGroups/rg-doomed`
    const outside = `/subscriptions/${sub}`
    const principalId = identity.principalId as string
    const insideName = '11111111-1111-4111-8111-111111111111'
    const outsideName = '22222222-2222-4222-8222-222222222222'
    await arm.authorization.roleAssignments.create(inside, insideName, {
      roleDefinitionId: reader,
      principalId,
    })
    await arm.authorization.roleAssignments.create(outside, outsideName, {
      roleDefinitionId: reader,
      principalId,
    })

    await arm.resources.resourceGroups.delete('rg-doomed', lro)

    expect(await arm.resources.resourceGroups.checkExistence('rg-doomed')).toEqual({ body: false })
    await arm.resources.resourceGroups.createOrUpdate('rg-doomed', { location: 'eastus' })
    expect(await armError(arm.msi.userAssignedIdentities.get('rg-doomed', 'id-doomed'))).toMatchObject({
      code: 'ResourceNotFound',
    })
    expect(await armError(arm.web.webApps.get('rg-doomed', 'web-doomed'))).toMatchObject({
      code: 'ResourceNotFound',
    })
    const names: string[] = []
    for await (const a of arm.authorization.roleAssignments.listForSubscription()) names.push(a.name ?? '')
    expect(names).not.toContain(insideName)
    // Like Azure, an assignment outside the group survives (its principal is gone: "Identity not found").
    expect(names).toContain(outsideName)
  })
})
