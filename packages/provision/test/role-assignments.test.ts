import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type AppConfigurationStoreFacts,
  attachIdentity,
  BUILT_IN_ROLES,
  createArmClients,
  ensureAppConfigurationStore,
  ensureHost,
  ensureResourceGroup,
  ensureRoleAssignment,
  ensureUserAssignedIdentity,
  findRoleAssignments,
  isProvisionError,
  removeRoleAssignment,
  roleDefinitionId,
  type UserAssignedIdentityFacts,
  type WaitInfo,
} from '../src/index.ts'
import { startTestBed, type TestBed } from './helpers/emulator.ts'
import { hostIdentityCredential } from './helpers/identity-token.ts'

const RG = 'rg-roles'
let bed: TestBed
let store: AppConfigurationStoreFacts
let identity: UserAssignedIdentityFacts

beforeAll(async () => {
  bed = await startTestBed()
  await ensureResourceGroup(bed.clients, { name: RG, location: 'swedencentral' })
  store = await ensureAppConfigurationStore(bed.clients, { resourceGroup: RG, name: 'appcs-roles' })
  identity = await ensureUserAssignedIdentity(bed.clients, { resourceGroup: RG, name: 'id-roles' })
})
afterAll(async () => {
  await bed?.emulator.stop()
})

describe('ensureRoleAssignment', () => {
  it('assigns App Configuration Data Reader on the store once, however often it runs', async () => {
    const first = await ensureRoleAssignment(bed.clients, {
      scope: store.id,
      principalId: identity.principalId,
    })
    expect(first).toMatchObject({
      created: true,
      principalId: identity.principalId,
      principalType: 'ServicePrincipal',
      roleDefinitionId: roleDefinitionId(
        bed.clients.subscriptionId,
        BUILT_IN_ROLES['App Configuration Data Reader'],
      ),
    })
    const second = await ensureRoleAssignment(bed.clients, {
      scope: store.id,
      principalId: identity.principalId,
    })
    expect(second).toEqual({ ...first, created: false })
    const found = await findRoleAssignments(bed.clients, {
      scope: store.id,
      principalId: identity.principalId,
      role: 'App Configuration Data Reader',
    })
    expect(found.map((a) => a.id)).toEqual([first.id])
  })

  it('converges on one assignment when two runs race', async () => {
    const other = await ensureUserAssignedIdentity(bed.clients, { resourceGroup: RG, name: 'id-race' })
    const [a, b] = await Promise.all([
      ensureRoleAssignment(bed.clients, { scope: store.id, principalId: other.principalId }),
      ensureRoleAssignment(bed.clients, { scope: store.id, principalId: other.principalId }),
    ])
    expect(a.id).toBe(b.id)
    expect(
      await findRoleAssignments(bed.clients, { scope: store.id, principalId: other.principalId }),
    ).toHaveLength(1)
  })

  it('reuses an assignment someone else created under a random name', async () => {
    const other = await ensureUserAssignedIdentity(bed.clients, { resourceGroup: RG, name: 'id-preassigned' })
    const name = randomUUID()
    await bed.clients.authorization.roleAssignments.create(store.id.slice(1), name, {
      roleDefinitionId: roleDefinitionId(
        bed.clients.subscriptionId,
        BUILT_IN_ROLES['App Configuration Data Reader'],
      ),
      principalId: other.principalId,
      principalType: 'ServicePrincipal',
    })
    const ensured = await ensureRoleAssignment(bed.clients, {
      scope: store.id,
      principalId: other.principalId,
    })
    expect(ensured).toMatchObject({ created: false, name })
    expect(
      await findRoleAssignments(bed.clients, { scope: store.id, principalId: other.principalId }),
    ).toHaveLength(1)
  })

  it('looks up roles that are not built in by name, and names a misspelt role', async () => {
    const other = await ensureUserAssignedIdentity(bed.clients, { resourceGroup: RG, name: 'id-reader' })
    const reader = await ensureRoleAssignment(bed.clients, {
      scope: store.id,
      principalId: other.principalId,
      role: 'Managed Identity Operator',
    })
    expect(reader.roleDefinitionId).toMatch(/f1a07417-d97a-45cb-824c-7a7467783830$/)
    const error = await ensureRoleAssignment(bed.clients, {
      scope: store.id,
      principalId: other.principalId,
      role: 'App Config Reader',
    }).catch((e: unknown) => e)
    expect(isProvisionError(error, 'UAMI_PROVISION_ROLE_NOT_FOUND')).toBe(true)
    expect((error as Error).message).toContain('"App Config Reader"')
  })

  it('waits for an unknown principal, then says to use the principalId rather than the clientId', async () => {
    const waits: WaitInfo[] = []
    const error = await ensureRoleAssignment(bed.clients, {
      scope: store.id,
      principalId: identity.clientId,
      principalRetry: { timeoutMs: 300, initialDelayMs: 50, onWait: (info) => waits.push(info) },
    }).catch((e: unknown) => e)
    expect(isProvisionError(error, 'UAMI_PROVISION_PRINCIPAL_NOT_FOUND')).toBe(true)
    expect((error as Error).message).toContain(identity.clientId)
    expect((error as Error).message).toContain('--query principalId')
    expect(waits.length).toBeGreaterThan(0)
    expect(waits[0]?.reason).toContain('PrincipalNotFound')
  })

  it('tells a principal without rights which role it lacks, on which scope', async () => {
    const site = await ensureHost(bed.clients, {
      kind: 'app-service',
      resourceGroup: RG,
      name: 'app-roles',
      prerequisites: 'skip',
    })
    await attachIdentity(bed.clients, site, identity.id)
    const asIdentity = createArmClients({
      credential: hostIdentityCredential(bed.emulator.hostEnv(site.id), { clientId: identity.clientId }),
      subscriptionId: bed.emulator.subscriptionId,
      endpoint: bed.emulator.armEndpoint,
    })
    const attempt = () =>
      ensureRoleAssignment(asIdentity, {
        scope: store.id,
        principalId: identity.principalId,
        role: 'App Configuration Data Owner',
      }).catch((e: unknown) => e)
    const cannotRead = await attempt()
    expect(isProvisionError(cannotRead, 'UAMI_PROVISION_ARM_FORBIDDEN')).toBe(true)
    expect(cannotRead).toMatchObject({ scope: store.id, requiredRole: 'Reader' })

    await ensureRoleAssignment(bed.clients, {
      scope: `/subscriptions/${bed.clients.subscriptionId}/resourceGroups/${RG}`,
      principalId: identity.principalId,
      role: 'Reader',
    })
    const cannotAssign = await attempt()
    expect(isProvisionError(cannotAssign, 'UAMI_PROVISION_ARM_FORBIDDEN')).toBe(true)
    expect(cannotAssign).toMatchObject({ scope: store.id })
    expect((cannotAssign as Error).message).toContain('User Access Administrator')
    expect((cannotAssign as Error).message).toContain(
      `az role assignment create --assignee-object-id <your object ID>`,
    )
    expect((cannotAssign as Error).message).toContain(`--scope ${store.id}`)
  })
})

describe('removeRoleAssignment', () => {
  it('removes the assignment and is a no-op the second time', async () => {
    const other = await ensureUserAssignedIdentity(bed.clients, { resourceGroup: RG, name: 'id-remove' })
    const assignment = await ensureRoleAssignment(bed.clients, {
      scope: store.id,
      principalId: other.principalId,
    })
    const target = { scope: store.id, principalId: other.principalId, role: 'App Configuration Data Reader' }
    expect(await removeRoleAssignment(bed.clients, target)).toBe(1)
    expect(
      await findRoleAssignments(bed.clients, { scope: store.id, principalId: other.principalId }),
    ).toEqual([])
    expect(await removeRoleAssignment(bed.clients, target)).toBe(0)
    expect(await removeRoleAssignment(bed.clients, { id: assignment.id })).toBe(0)
  })

  it('removes one assignment by its ID', async () => {
    const other = await ensureUserAssignedIdentity(bed.clients, {
      resourceGroup: RG,
      name: 'id-remove-by-id',
    })
    const assignment = await ensureRoleAssignment(bed.clients, {
      scope: store.id,
      principalId: other.principalId,
    })
    expect(await removeRoleAssignment(bed.clients, { id: assignment.id })).toBe(1)
    expect(
      await findRoleAssignments(bed.clients, { scope: store.id, principalId: other.principalId }),
    ).toEqual([])
  })
})

describe('findRoleAssignments', () => {
  it('includes assignments inherited from the resource group only when asked', async () => {
    const other = await ensureUserAssignedIdentity(bed.clients, { resourceGroup: RG, name: 'id-inherited' })
    const groupScope = `/subscriptions/${bed.clients.subscriptionId}/resourceGroups/${RG}`
    await ensureRoleAssignment(bed.clients, { scope: groupScope, principalId: other.principalId })
    expect(
      await findRoleAssignments(bed.clients, { scope: store.id, principalId: other.principalId }),
    ).toEqual([])
    const inherited = await findRoleAssignments(bed.clients, {
      scope: store.id,
      principalId: other.principalId,
      includeInherited: true,
    })
    expect(inherited.map((a) => a.scope.toLowerCase())).toEqual([groupScope.toLowerCase()])
  })
})
