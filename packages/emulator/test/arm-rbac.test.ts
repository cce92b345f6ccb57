import { describe, expect, it } from 'vitest'
import { checkAccess, matches } from '../src/rbac/evaluate.ts'
import {
  APP_CONFIGURATION_DATA_READER,
  CONTRIBUTOR,
  MANAGED_IDENTITY_OPERATOR,
  READER,
} from '../src/rbac/roles.ts'
import type { RoleAssignmentRecord } from '../src/state/model.ts'

const SUB = '/subscriptions/00000000-0000-4000-8000-000000000001'
const PRINCIPAL = '11111111-1111-4111-8111-111111111111'
const IDENTITY = `${SUB}/resourcegroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id`

function assignment(
  role: string,
  scope: string,
  createdOn = new Date(0).toISOString(),
): RoleAssignmentRecord {
  return {
    id: `${scope}/providers/Microsoft.Authorization/roleAssignments/x`,
    name: 'x',
    scope,
    roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
    principalId: PRINCIPAL,
    principalType: 'ServicePrincipal',
    description: null,
    createdOn,
  }
}

const now = { now: Date.now(), propagationDelayMs: 0 }
const control = (action: string, resourceId: string) => ({
  principalId: PRINCIPAL,
  resourceId,
  action,
  dataAction: false,
})

describe('RBAC action patterns', () => {
  it.each([
    ['*/read', 'Microsoft.Web/sites/read', true],
    ['*/read', 'Microsoft.Web/sites/write', false],
    ['Microsoft.Authorization/*/Write', 'Microsoft.Authorization/roleAssignments/write', true],
    [
      'Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action',
      'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action',
      true,
    ],
    [
      'Microsoft.ManagedIdentity/userAssignedIdentities/*/read',
      'Microsoft.ManagedIdentity/userAssignedIdentities/write',
      false,
    ],
    [
      'Microsoft.AppConfiguration/configurationStores/*/read',
      'Microsoft.AppConfiguration/configurationStores/keyValues/read',
      true,
    ],
  ])('%s matches %s: %s', (pattern, action, expected) => {
    expect(matches(pattern, action)).toBe(expected)
  })
})

describe('RBAC evaluation', () => {
  it('lets Managed Identity Operator assign and read an identity, but not change it', () => {
    const assignments = [assignment(MANAGED_IDENTITY_OPERATOR, `${SUB}/resourceGroups/rg`)]
    const assign = 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action'
    expect(checkAccess(assignments, control(assign, IDENTITY), now).allowed).toBe(true)
    const read = 'Microsoft.ManagedIdentity/userAssignedIdentities/read'
    expect(checkAccess(assignments, control(read, IDENTITY), now).allowed).toBe(true)
    const write = 'Microsoft.ManagedIdentity/userAssignedIdentities/write'
    expect(checkAccess(assignments, control(write, IDENTITY), now).allowed).toBe(false)
  })

  it('keeps Contributor away from role assignments', () => {
    const assignments = [assignment(CONTRIBUTOR, SUB)]
    expect(checkAccess(assignments, control('Microsoft.Web/sites/write', IDENTITY), now).allowed).toBe(true)
    const write = 'Microsoft.Authorization/roleAssignments/write'
    expect(checkAccess(assignments, control(write, IDENTITY), now).allowed).toBe(false)
  })

  it('inherits from a resource group but not from a sibling whose name shares a prefix', () => {
    const assignments = [assignment(READER, `${SUB}/resourceGroups/rg`)]
    expect(
      checkAccess(
        assignments,
        control('Microsoft.Web/sites/read', `${SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/a`),
        now,
      ).allowed,
    ).toBe(true)
    expect(
      checkAccess(
        assignments,
        control('Microsoft.Web/sites/read', `${SUB}/resourceGroups/rg2/providers/Microsoft.Web/sites/a`),
        now,
      ).allowed,
    ).toBe(false)
  })

  it('gives a data role no control-plane access and a control-plane role no data access', () => {
    const store = `${SUB}/resourceGroups/rg/providers/Microsoft.AppConfiguration/configurationStores/s`
    const dataReader = [assignment(APP_CONFIGURATION_DATA_READER, store)]
    expect(
      checkAccess(dataReader, control('Microsoft.AppConfiguration/configurationStores/read', store), now)
        .allowed,
    ).toBe(false)
    const reader = [assignment(READER, store)]
    const readKeys = {
      ...control('Microsoft.AppConfiguration/configurationStores/keyValues/read', store),
      dataAction: true,
    }
    expect(checkAccess(reader, readKeys, now).allowed).toBe(false)
    expect(checkAccess(dataReader, readKeys, now).allowed).toBe(true)
  })

  it('reports a recent assignment as propagating until the delay has passed', () => {
    const createdOn = new Date(now.now - 1_000).toISOString()
    const assignments = [assignment(READER, SUB, createdOn)]
    const decision = checkAccess(assignments, control('Microsoft.Web/sites/read', IDENTITY), {
      now: now.now,
      propagationDelayMs: 60_000,
    })
    expect(decision).toMatchObject({
      allowed: false,
      reason: 'propagating',
      effectiveAt: Date.parse(createdOn) + 60_000,
    })
  })
})
