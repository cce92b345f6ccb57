import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  deleteUserAssignedIdentity,
  ensureAppConfigurationStore,
  ensureResourceGroup,
  ensureUserAssignedIdentity,
  getSignedInPrincipal,
  getUserAssignedIdentityOptional,
  isProvisionError,
} from '../src/index.ts'
import { startTestBed, type TestBed } from './helpers/emulator.ts'

let bed: TestBed
beforeAll(async () => {
  bed = await startTestBed()
})
afterAll(async () => {
  await bed?.emulator.stop()
})

describe('ensureResourceGroup', () => {
  it('creates the group, then reuses it on a re-run with the same ID', async () => {
    const first = await ensureResourceGroup(bed.clients, { name: 'rg-steps', location: 'swedencentral' })
    expect(first).toMatchObject({ name: 'rg-steps', location: 'swedencentral', created: true })
    const second = await ensureResourceGroup(bed.clients, { name: 'rg-steps', location: 'westeurope' })
    expect(second).toEqual({ ...first, created: false })
  })

  it('rejects a name ARM would refuse before sending anything', async () => {
    const error = await ensureResourceGroup(bed.clients, { name: 'bad name!', location: 'x' }).catch(
      (e: unknown) => e,
    )
    expect(isProvisionError(error, 'UAMI_PROVISION_INVALID_OPTION')).toBe(true)
  })
})

describe('ensureUserAssignedIdentity', () => {
  it('creates an identity with its three identifiers and reuses it on a re-run', async () => {
    await ensureResourceGroup(bed.clients, { name: 'rg-steps', location: 'swedencentral' })
    const first = await ensureUserAssignedIdentity(bed.clients, {
      resourceGroup: 'rg-steps',
      name: 'id-steps',
    })
    expect(first.created).toBe(true)
    expect(first.id).toMatch(/\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/id-steps$/i)
    expect(first.clientId).toMatch(/^[0-9a-f-]{36}$/)
    expect(first.principalId).toMatch(/^[0-9a-f-]{36}$/)
    expect(first.principalId).not.toBe(first.clientId)
    expect(first.tenantId).toBe(bed.emulator.tenantId)
    expect(first.location).toBe('swedencentral') // the resource group's
    const second = await ensureUserAssignedIdentity(bed.clients, {
      resourceGroup: 'rg-steps',
      name: 'id-steps',
    })
    expect(second).toEqual({ ...first, created: false })
  })

  it('names the missing resource group and how to create it', async () => {
    const error = await ensureUserAssignedIdentity(bed.clients, {
      resourceGroup: 'rg-missing',
      name: 'id-x',
    }).catch((e: unknown) => e)
    expect(isProvisionError(error, 'UAMI_PROVISION_RESOURCE_GROUP_NOT_FOUND')).toBe(true)
    expect((error as Error).message).toContain('"rg-missing"')
    expect((error as Error).message).toContain('az group create -n rg-missing')
    expect((error as Error).cause).toMatchObject({ name: 'RestError', statusCode: 404 })
    const request = (
      (error as Error).cause as { request: { headers: { get(name: string): string | undefined } } }
    ).request
    expect(request.headers.get('authorization')).toBe('REDACTED')
  })
})

describe('deleteUserAssignedIdentity', () => {
  it('deletes the identity and reports false when it is already gone', async () => {
    await ensureResourceGroup(bed.clients, { name: 'rg-steps', location: 'swedencentral' })
    await ensureUserAssignedIdentity(bed.clients, { resourceGroup: 'rg-steps', name: 'id-delete' })
    expect(await deleteUserAssignedIdentity(bed.clients, 'rg-steps', 'id-delete')).toBe(true)
    expect(await getUserAssignedIdentityOptional(bed.clients, 'rg-steps', 'id-delete')).toBeUndefined()
    expect(await deleteUserAssignedIdentity(bed.clients, 'rg-steps', 'id-delete')).toBe(false)
  })
})

describe('ensureAppConfigurationStore', () => {
  it('creates a store with its own data-plane endpoint and reuses it on a re-run', async () => {
    await ensureResourceGroup(bed.clients, { name: 'rg-steps', location: 'swedencentral' })
    const first = await ensureAppConfigurationStore(bed.clients, {
      resourceGroup: 'rg-steps',
      name: 'appcs-steps',
    })
    expect(first.created).toBe(true)
    expect(first.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    expect(first.id).toMatch(/\/providers\/Microsoft\.AppConfiguration\/configurationStores\/appcs-steps$/i)
    const second = await ensureAppConfigurationStore(bed.clients, {
      resourceGroup: 'rg-steps',
      name: 'appcs-steps',
      sku: 'standard',
    })
    expect(second).toEqual({ ...first, created: false })
  })
})

describe('getSignedInPrincipal', () => {
  it("reads the developer's object ID from its ARM token", async () => {
    const me = await getSignedInPrincipal(bed.credential)
    expect(me).toEqual({
      objectId: bed.emulator.developer.objectId,
      tenantId: bed.emulator.tenantId,
      principalType: 'ServicePrincipal',
    })
  })
})
