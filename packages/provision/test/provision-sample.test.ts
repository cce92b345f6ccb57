import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createDataPlaneClient,
  deleteResourceGroup,
  describeHostIdentity,
  findRoleAssignments,
  getAppConfigurationStoreOptional,
  getResourceGroupOptional,
  getUserAssignedIdentityOptional,
  HOST_KINDS,
  type HostKind,
  isProvisionError,
  type ProvisionedSample,
  type ProvisionSampleOptions,
  type ProvisionStepEvent,
  provisionSample,
  sameResourceId,
} from '../src/index.ts'
import { startTestBed, type TestBed } from './helpers/emulator.ts'
import { hostIdentityCredential, type IdentitySelector } from './helpers/identity-token.ts'

const RG = 'rg-samples'
let bed: TestBed

beforeAll(async () => {
  bed = await startTestBed()
})
afterAll(async () => {
  await bed?.emulator.stop()
})

function options(kind: HostKind, overrides: Partial<ProvisionSampleOptions> = {}): ProvisionSampleOptions {
  return {
    kind,
    names: { resourceGroup: RG, store: 'appcs-samples', identity: `id-${kind}`, host: `host-${kind}` },
    location: 'swedencentral',
    prerequisites: 'skip',
    settings: { message: 'Hello from App Configuration' },
    ...overrides,
  }
}

/** Reads a setting as the sample would on its host: with the identity's token from the host's endpoint. */
async function readAsSample(sample: ProvisionedSample, key: string): Promise<string | undefined> {
  const env = bed.emulator.hostEnv(sample.host.id)
  const selector: IdentitySelector =
    sample.identifier.kind === 'clientId'
      ? { clientId: sample.identifier.value }
      : sample.identifier.kind === 'resourceId'
        ? { resourceId: sample.identifier.value }
        : { objectId: sample.identifier.value }
  const client = createDataPlaneClient(sample.store.endpoint, hostIdentityCredential(env, selector))
  return (await client.getConfigurationSetting({ key })).value
}

describe.each(HOST_KINDS)('provisionSample for %s', (kind) => {
  it('sets up everything the sample needs, and the identity reads the seeded setting from its host', async () => {
    const events: ProvisionStepEvent[] = []
    const sample = await provisionSample(
      bed.clients,
      options(kind, { onStep: (event) => events.push(event) }),
    )
    expect(sample.attached).toBe(true)
    expect(sample.roleAssignment?.principalId).toBe(sample.identity.principalId)
    expect(sample.seedAccess.principalId).toBe(bed.emulator.developer.objectId)
    expect(sample.sampleEnvironment).toEqual({
      [sample.identifier.variable]: sample.identifier.value,
      APP_CONFIG_ENDPOINT: sample.store.endpoint,
      // The resource ID for the "not attached" fix, where the identifier is not already the resource ID.
      ...(kind === 'container-apps' ? {} : { UAMI_IDENTITY_RESOURCE_ID: sample.identity.id }),
    })
    expect(events.filter((e) => e.status === 'done').map((e) => e.step)).toEqual([
      'resource-group',
      'store',
      'seed-access',
      'identity',
      'host',
      'attach',
      'role-assignment',
      'settings',
    ])
    const state = await describeHostIdentity(bed.clients, sample.host)
    expect(state.userAssignedIdentityIds.some((id) => sameResourceId(id, sample.identity.id))).toBe(true)
    expect(await readAsSample(sample, 'message')).toBe('Hello from App Configuration')
  })

  it('reuses everything on a re-run: same IDs, no second role assignment, settings untouched', async () => {
    const before = await provisionSample(bed.clients, options(kind))
    const after = await provisionSample(bed.clients, options(kind))
    expect(after.identity).toEqual({ ...before.identity, created: false })
    expect(after.store.id).toBe(before.store.id)
    expect(after.host).toMatchObject({ id: before.host.id, created: false })
    expect(after.roleAssignment).toEqual({ ...before.roleAssignment, created: false })
    expect(after.settings.changed).toEqual([])
    expect(after.settings.sentinel.changed).toBe(false)
    const assignments = await findRoleAssignments(bed.clients, {
      scope: after.store.id,
      principalId: after.identity.principalId,
    })
    expect(assignments).toHaveLength(1)
  })
})

describe('provisionSample identifiers', () => {
  it('gives each sample its identifier kind: client ID, resource ID, object ID', async () => {
    const [app, ca, vm] = await Promise.all(
      HOST_KINDS.map((kind) => provisionSample(bed.clients, options(kind))),
    )
    expect(app?.identifier).toEqual({
      kind: 'clientId',
      variable: 'AZURE_CLIENT_ID',
      value: app?.identity.clientId,
    })
    expect(ca?.identifier).toEqual({
      kind: 'resourceId',
      variable: 'AZURE_MANAGED_IDENTITY_RESOURCE_ID',
      value: ca?.identity.id,
    })
    expect(vm?.identifier).toEqual({
      kind: 'objectId',
      variable: 'AZURE_MANAGED_IDENTITY_OBJECT_ID',
      value: vm?.identity.principalId,
    })
  })
})

describe('provisionSample with a step skipped on purpose', () => {
  it('without the attach step, the host cannot get a token for the identity', async () => {
    const sample = await provisionSample(
      bed.clients,
      options('app-service', {
        names: {
          resourceGroup: RG,
          store: 'appcs-samples',
          identity: 'id-unattached',
          host: 'app-unattached',
        },
        skip: { attach: true },
      }),
    )
    expect(sample.attached).toBe(false)
    expect((await describeHostIdentity(bed.clients, sample.host)).userAssignedIdentityIds).toEqual([])
    await expect(readAsSample(sample, 'message')).rejects.toThrow(/identity endpoint answered 4\d\d/)
  })

  it('without the role assignment, App Configuration answers 403 to the identity', async () => {
    const sample = await provisionSample(
      bed.clients,
      options('container-apps', {
        names: { resourceGroup: RG, store: 'appcs-samples', identity: 'id-norole', host: 'ca-norole' },
        skip: { roleAssignment: true },
      }),
    )
    expect(sample.roleAssignment).toBeUndefined()
    await expect(readAsSample(sample, 'message')).rejects.toMatchObject({ statusCode: 403 })
  })
})

describe('deleteResourceGroup', () => {
  it('removes the group with its identities, store, hosts and role assignments, and is a no-op afterwards', async () => {
    const names = {
      resourceGroup: 'rg-cleanup',
      store: 'appcs-cleanup',
      identity: 'id-cleanup',
      host: 'vm-cleanup',
    }
    const sample = await provisionSample(bed.clients, options('vm', { names }))
    expect(await deleteResourceGroup(bed.clients, 'rg-cleanup')).toEqual({ deleted: true, purgedStores: [] })
    expect(await getResourceGroupOptional(bed.clients, 'rg-cleanup')).toBeUndefined()
    expect(() => bed.emulator.hostEnv(sample.host.id)).toThrow()
    const identityError = await getUserAssignedIdentityOptional(
      bed.clients,
      'rg-cleanup',
      'id-cleanup',
    ).catch((e: unknown) => e)
    expect(isProvisionError(identityError, 'UAMI_PROVISION_RESOURCE_GROUP_NOT_FOUND')).toBe(true)
    expect(await deleteResourceGroup(bed.clients, 'rg-cleanup')).toEqual({ deleted: false, purgedStores: [] })

    // An empty group of the same name holds none of it, not even the store's role assignments.
    await bed.clients.resources.resourceGroups.createOrUpdate('rg-cleanup', { location: 'swedencentral' })
    expect(await getAppConfigurationStoreOptional(bed.clients, 'rg-cleanup', 'appcs-cleanup')).toBeUndefined()
    expect(await getUserAssignedIdentityOptional(bed.clients, 'rg-cleanup', 'id-cleanup')).toBeUndefined()
    expect(await findRoleAssignments(bed.clients, { scope: sample.store.id })).toEqual([])
    await deleteResourceGroup(bed.clients, 'rg-cleanup')
  })
})
