import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../src/index.ts'
import { APP_CONFIGURATION_DATA_READER, OWNER, READER } from '../src/index.ts'
import { type ArmClients, armClients, armError, armFetch, lro } from './helpers/arm-clients.ts'
import { startTestEmulator } from './helpers/emulator.ts'

describe('ARM role assignments (@azure/arm-authorization)', () => {
  let emulator: RunningEmulator
  let arm: ArmClients
  let sub: string
  let rgScope: string
  let identityScope: string
  let principalId: string
  let readerId: string

  beforeAll(async () => {
    emulator = await startTestEmulator()
    arm = armClients(emulator)
    sub = `/subscriptions/${emulator.subscriptionId}`
    await arm.resources.resourceGroups.createOrUpdate('rg-rbac', { location: 'eastus' })
    const identity = await arm.msi.userAssignedIdentities.createOrUpdate('rg-rbac', 'id-rbac', {
      location: 'eastus',
    })
    principalId = identity.principalId as string
    rgScope = `${sub}/resourceGroups/rg-rbac`
    identityScope = identity.id as string
    readerId = `${sub}/providers/Microsoft.Authorization/roleDefinitions/${READER}`
  })
  afterAll(() => emulator.stop())

  const create = (scope: string, name: string, properties: Record<string, string>) => {
    let status = 0
    const result = arm.authorization.roleAssignments.create(
      scope,
      name,
      { roleDefinitionId: readerId, principalId, principalType: 'ServicePrincipal', ...properties },
      {
        onResponse: (response) => {
          status = response.status
        },
      },
    )
    return result.then((assignment) => ({ assignment, status }))
  }

  it('creates an assignment for a managed identity (201) with its scope, principal and createdOn', async () => {
    const name = randomUUID()
    const before = Date.now()
    const { assignment, status } = await create(rgScope, name, {})
    expect(status).toBe(201)
    expect(assignment).toMatchObject({
      id: `${rgScope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
      name,
      type: 'Microsoft.Authorization/roleAssignments',
      scope: rgScope,
      roleDefinitionId: readerId,
      principalId,
      principalType: 'ServicePrincipal',
    })
    expect(assignment.createdOn?.getTime()).toBeGreaterThanOrEqual(before - 1000)
    const read = await arm.authorization.roleAssignments.get(rgScope, name)
    expect(read).toMatchObject({ name, principalId, scope: rgScope })
  })

  it('answers a repeated identical PUT with 200 and the same assignment', async () => {
    const name = randomUUID()
    const role = `${sub}/providers/Microsoft.Authorization/roleDefinitions/${OWNER}`
    const first = await create(identityScope, name, { roleDefinitionId: role })
    const second = await create(identityScope, name, { roleDefinitionId: role })
    expect([first.status, second.status]).toEqual([201, 200])
    expect(second.assignment.createdOn).toEqual(first.assignment.createdOn)
  })

  it('refuses the same principal, role and scope under another name with 409 RoleAssignmentExists', async () => {
    const name = randomUUID()
    const role = `${sub}/providers/Microsoft.Authorization/roleDefinitions/${APP_CONFIGURATION_DATA_READER}`
    await create(rgScope, name, { roleDefinitionId: role })
    const error = await armError(
      create(`${sub}/resourcegroups/RG-RBAC`, randomUUID(), { roleDefinitionId: role }),
    )
    expect(error).toMatchObject({ statusCode: 409, code: 'RoleAssignmentExists' })
    expect(error.message).toContain(name.replace(/-/g, ''))
  })

  it('refuses an unknown principal with 400 PrincipalNotFound (the emulator knows every principal)', async () => {
    const unknown = randomUUID()
    const error = await armError(create(rgScope, randomUUID(), { principalId: unknown }))
    expect(error).toMatchObject({ statusCode: 400, code: 'PrincipalNotFound' })
    expect(error.message).toContain(unknown)
  })

  it("assigns roles to the developer principal and to a host's system-assigned identity", async () => {
    const developer = await create(rgScope, randomUUID(), { principalId: emulator.developer.objectId })
    expect(developer.status).toBe(201)
    const site = await arm.web.webApps.beginCreateOrUpdateAndWait(
      'rg-rbac',
      'web-rbac',
      { location: 'eastus', identity: { type: 'SystemAssigned' } },
      lro,
    )
    const system = await create(rgScope, randomUUID(), { principalId: site.identity?.principalId as string })
    expect(system.status).toBe(201)
  })

  it('refuses a principal type that does not match the principal with 400 UnmatchedPrincipalType', async () => {
    const error = await armError(create(rgScope, randomUUID(), { principalType: 'User' }))
    expect(error).toMatchObject({ statusCode: 400, code: 'UnmatchedPrincipalType' })
  })

  it('refuses an unknown role definition with RoleDefinitionDoesNotExist', async () => {
    const roleDefinitionId = `${sub}/providers/Microsoft.Authorization/roleDefinitions/${randomUUID()}`
    const error = await armError(create(rgScope, randomUUID(), { roleDefinitionId }))
    expect(error).toMatchObject({ statusCode: 400, code: 'RoleDefinitionDoesNotExist' })
  })

  it('refuses a name that is not a GUID with 400 InvalidRoleAssignmentId', async () => {
    const error = await armError(create(rgScope, 'not-a-guid', {}))
    expect(error).toMatchObject({ statusCode: 400, code: 'InvalidRoleAssignmentId' })
  })

  it('refuses a scope in a missing resource group with 404 ResourceGroupNotFound', async () => {
    const error = await armError(create(`${sub}/resourceGroups/rg-absent`, randomUUID(), {}))
    expect(error).toMatchObject({ statusCode: 404, code: 'ResourceGroupNotFound' })
  })

  it('refuses a scope naming a missing resource with 404 ResourceNotFound', async () => {
    const scope = `${rgScope}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-absent`
    const error = await armError(create(scope, randomUUID(), {}))
    expect(error).toMatchObject({ statusCode: 404, code: 'ResourceNotFound' })
  })

  it('lists with atScope() the assignments at and above a scope, including the seeded subscription Owner', async () => {
    const atIdentity = randomUUID()
    await create(identityScope, atIdentity, {})
    const names: string[] = []
    const principals: string[] = []
    for await (const a of arm.authorization.roleAssignments.listForScope(rgScope, { filter: 'atScope()' })) {
      names.push(a.name ?? '')
      principals.push(a.principalId ?? '')
    }
    expect(principals).toContain(emulator.developer.objectId)
    expect(names).not.toContain(atIdentity)
    const below: string[] = []
    for await (const a of arm.authorization.roleAssignments.listForScope(rgScope)) below.push(a.name ?? '')
    expect(below).toContain(atIdentity)
  })

  it("lists one principal's assignments with principalId eq '...' and assignedTo('...')", async () => {
    for (const filter of [`principalId eq '${principalId}'`, `assignedTo('${principalId}')`]) {
      const principals = new Set<string>()
      for await (const a of arm.authorization.roleAssignments.listForSubscription({ filter })) {
        principals.add(a.principalId ?? '')
      }
      expect([...principals]).toEqual([principalId])
    }
  })

  it('refuses a $filter it does not support with 400 instead of ignoring it', async () => {
    const path = `${sub}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=${encodeURIComponent("roleName eq 'x'")}`
    const response = await armFetch(emulator, path)
    expect(response.status).toBe(400)
    expect(response.body?.error?.code).toBe('InvalidQueryParameterValue')
  })

  it('deletes an assignment (then 404 RoleAssignmentNotFound); deleting it again is accepted', async () => {
    const name = randomUUID()
    await create(rgScope, name, {
      principalId: emulator.developer.objectId,
      roleDefinitionId: readerId.replace(READER, APP_CONFIGURATION_DATA_READER),
    })
    const deleted = await arm.authorization.roleAssignments.delete(rgScope, name)
    expect(deleted.name).toBe(name)
    await arm.authorization.roleAssignments.delete(rgScope, name)
    const error = await armError(arm.authorization.roleAssignments.get(rgScope, name))
    expect(error).toMatchObject({ statusCode: 404, code: 'RoleAssignmentNotFound' })
  })
})

describe('ARM role definitions (@azure/arm-authorization)', () => {
  let emulator: RunningEmulator
  let arm: ArmClients

  beforeAll(async () => {
    emulator = await startTestEmulator()
    arm = armClients(emulator)
  })
  afterAll(() => emulator.stop())

  it('gets a built-in role at subscription scope, shaped like Azure', async () => {
    const sub = `/subscriptions/${emulator.subscriptionId}`
    const role = await arm.authorization.roleDefinitions.get(sub, APP_CONFIGURATION_DATA_READER)
    expect(role).toMatchObject({
      id: `${sub}/providers/Microsoft.Authorization/roleDefinitions/${APP_CONFIGURATION_DATA_READER}`,
      name: APP_CONFIGURATION_DATA_READER,
      type: 'Microsoft.Authorization/roleDefinitions',
      roleName: 'App Configuration Data Reader',
      roleType: 'BuiltInRole',
      assignableScopes: ['/'],
      permissions: [
        {
          actions: [],
          notActions: [],
          dataActions: ['Microsoft.AppConfiguration/configurationStores/*/read'],
          notDataActions: [],
        },
      ],
    })
  })

  it("finds a role by name with $filter=roleName eq '...'", async () => {
    const found = []
    for await (const role of arm.authorization.roleDefinitions.list(
      `/subscriptions/${emulator.subscriptionId}`,
      {
        filter: "roleName eq 'App Configuration Data Owner'",
      },
    )) {
      found.push(role)
    }
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ roleName: 'App Configuration Data Owner' })
  })

  it('lists every built-in role at a resource group scope', async () => {
    await arm.resources.resourceGroups.createOrUpdate('rg-defs', { location: 'eastus' })
    const names: string[] = []
    const scope = `/subscriptions/${emulator.subscriptionId}/resourceGroups/rg-defs`
    for await (const role of arm.authorization.roleDefinitions.list(scope)) names.push(role.roleName ?? '')
    expect(names).toEqual(
      expect.arrayContaining([
        'Owner',
        'Reader',
        'App Configuration Data Reader',
        'App Configuration Data Owner',
      ]),
    )
  })

  it('answers an unknown role definition with 404 RoleDefinitionDoesNotExist', async () => {
    const error = await armError(
      arm.authorization.roleDefinitions.get(`/subscriptions/${emulator.subscriptionId}`, randomUUID()),
    )
    expect(error).toMatchObject({ statusCode: 404, code: 'RoleDefinitionDoesNotExist' })
  })
})
