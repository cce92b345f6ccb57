import { AppConfigurationClient } from '@azure/app-configuration'
import type { RestError } from '@azure/core-rest-pipeline'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  APP_CONFIGURATION_DATA_OWNER,
  APP_CONFIGURATION_DATA_READER,
  CONTRIBUTOR,
  OWNER,
  READER,
  type RunningEmulator,
} from '../src/index.ts'
import { type AppConfigArm, appConfigArm } from './helpers/appconfig-arm.ts'
import { principalCredential } from './helpers/appconfig-tokens.ts'
import { developerCredential, startTestEmulator } from './helpers/emulator.ts'

const READ_ACTION = 'Microsoft.AppConfiguration/configurationStores/keyValues/read'
const WRITE_ACTION = 'Microsoft.AppConfiguration/configurationStores/keyValues/write'
const DELETE_ACTION = 'Microsoft.AppConfiguration/configurationStores/keyValues/delete'

async function failure(promise: Promise<unknown>): Promise<RestError> {
  return (await promise.then(
    () => {
      throw new Error('expected the call to fail')
    },
    (error: unknown) => error,
  )) as RestError
}

/**
 * Azure RBAC on the data plane: App Configuration Data Reader reads, Data Owner reads and writes, assignments are
 * inherited from the resource group and the subscription, control-plane roles grant no data access (ERRATA #5),
 * and new assignments can take time to take effect. Roles are assigned through the real ARM client.
 */
describe('App Configuration authorization (RBAC)', () => {
  let emulator: RunningEmulator
  let arm: AppConfigArm
  let store: { id: string; endpoint: string }
  let groupId: string
  const clientFor = (principalId: string) =>
    new AppConfigurationClient(store.endpoint, principalCredential(emulator, principalId))
  let identities = 0
  /** A new user-assigned identity's principal ID: a principal with no role yet. */
  const newPrincipal = async () =>
    (await arm.createIdentity('rg-rbac', `id-rbac-${++identities}`)).principalId

  beforeAll(async () => {
    emulator = await startTestEmulator()
    arm = appConfigArm(emulator)
    groupId = await arm.createResourceGroup('rg-rbac')
    store = await arm.createStore('rg-rbac', 'appcs-rbac')
    const admin = await newPrincipal()
    await arm.assignRole(admin, APP_CONFIGURATION_DATA_OWNER, store.id)
    await clientFor(admin).setConfigurationSetting({ key: 'rbac/a', value: 'seeded' })
  })
  afterEach(() => {
    emulator.settings.propagationDelayMs = 0
  })
  afterAll(() => emulator.stop())

  it('refuses the developer, Owner of the subscription, with 403 until it is given App Configuration Data Owner', async () => {
    const client = new AppConfigurationClient(store.endpoint, developerCredential(emulator))
    const error = await failure(client.getConfigurationSetting({ key: 'rbac/a' }))
    expect(error.statusCode).toBe(403)
    expect(error.code).toBe('AuthorizationFailed')
    expect(error.message).toContain(
      `The received access token does not have authorization to perform action '${READ_ACTION}' over the requested scope '${store.id}'`,
    )
    expect(error.message).toContain(`--assignee-object-id ${emulator.developer.objectId}`)

    await arm.assignRole(emulator.developer.objectId, APP_CONFIGURATION_DATA_OWNER, store.id)
    await client.setConfigurationSetting({ key: 'rbac/dev', value: 'mine' })
    expect((await client.getConfigurationSetting({ key: 'rbac/dev' })).value).toBe('mine')
  })

  it('lets a Data Reader read and list, but refuses its writes and deletes with 403', async () => {
    const reader = await newPrincipal()
    await arm.assignRole(reader, APP_CONFIGURATION_DATA_READER, store.id)
    const client = clientFor(reader)
    expect((await client.getConfigurationSetting({ key: 'rbac/a' })).value).toBe('seeded')
    const listed = []
    for await (const setting of client.listConfigurationSettings({ keyFilter: 'rbac/*' }))
      listed.push(setting)
    expect(listed.map((s) => s.key)).toContain('rbac/a')

    const write = await failure(client.setConfigurationSetting({ key: 'rbac/a', value: 'changed' }))
    expect(write.statusCode).toBe(403)
    expect(write.message).toContain(`'${WRITE_ACTION}'`)
    const remove = await failure(client.deleteConfigurationSetting({ key: 'rbac/a' }))
    expect(remove.statusCode).toBe(403)
    expect(remove.message).toContain(`'${DELETE_ACTION}'`)
    const lock = await failure(client.setReadOnly({ key: 'rbac/a' }, true))
    expect(lock.statusCode).toBe(403)
  })

  it('lets a Data Owner read, write, lock and delete', async () => {
    const owner = await newPrincipal()
    await arm.assignRole(owner, APP_CONFIGURATION_DATA_OWNER, store.id)
    const client = clientFor(owner)
    await client.setConfigurationSetting({ key: 'rbac/owner', value: '1' })
    await client.setReadOnly({ key: 'rbac/owner' }, true)
    await client.setReadOnly({ key: 'rbac/owner' }, false)
    expect((await client.deleteConfigurationSetting({ key: 'rbac/owner' })).statusCode).toBe(200)
  })

  it('inherits a Data Reader assignment made at the resource group', async () => {
    const reader = await newPrincipal()
    await arm.assignRole(reader, APP_CONFIGURATION_DATA_READER, groupId)
    expect((await clientFor(reader).getConfigurationSetting({ key: 'rbac/a' })).value).toBe('seeded')
  })

  it('inherits a Data Reader assignment made at the subscription', async () => {
    const reader = await newPrincipal()
    await arm.assignRole(reader, APP_CONFIGURATION_DATA_READER, `/subscriptions/${emulator.subscriptionId}`)
    expect((await clientFor(reader).getConfigurationSetting({ key: 'rbac/a' })).value).toBe('seeded')
  })

  it('grants no data access through the control-plane roles Owner, Contributor and Reader', async () => {
    const principal = await newPrincipal()
    for (const role of [OWNER, CONTRIBUTOR, READER]) await arm.assignRole(principal, role, store.id)
    const error = await failure(clientFor(principal).getConfigurationSetting({ key: 'rbac/a' }))
    expect(error.statusCode).toBe(403)
  })

  it('does not let a Data Reader of one store read another store', async () => {
    const other = await arm.createStore('rg-rbac', 'appcs-rbac-other')
    const reader = await newPrincipal()
    await arm.assignRole(reader, APP_CONFIGURATION_DATA_READER, other.id)
    const error = await failure(clientFor(reader).getConfigurationSetting({ key: 'rbac/a' }))
    expect(error.statusCode).toBe(403)
  })

  it('takes access away when the role assignment is deleted', async () => {
    const reader = await newPrincipal()
    const assignment = await arm.assignRole(reader, APP_CONFIGURATION_DATA_READER, store.id)
    const client = clientFor(reader)
    expect((await client.getConfigurationSetting({ key: 'rbac/a' })).value).toBe('seeded')
    await arm.deleteRoleAssignment(assignment)
    expect((await failure(client.getConfigurationSetting({ key: 'rbac/a' }))).statusCode).toBe(403)
  })

  it('answers 403 while a new assignment propagates — the same 403 as no assignment — then allows the call', async () => {
    const reader = await newPrincipal()
    const client = clientFor(reader)
    const before = await failure(client.getConfigurationSetting({ key: 'rbac/a' }))
    // Changed at run time, as the tour does.
    emulator.settings.propagationDelayMs = 3000
    await arm.assignRole(reader, APP_CONFIGURATION_DATA_READER, store.id)
    const propagating = await failure(client.getConfigurationSetting({ key: 'rbac/a' }))
    expect(propagating.statusCode).toBe(403)
    expect(propagating.code).toBe(before.code)
    expect(propagating.message).toBe(before.message)
    await vi.waitFor(
      async () => expect((await client.getConfigurationSetting({ key: 'rbac/a' })).value).toBe('seeded'),
      { timeout: 30_000, interval: 250 },
    )
  })
})
