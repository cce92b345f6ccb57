import { describe, expect, it } from 'vitest'
import { BUILT_IN_ROLES, roleAssignmentName } from '../src/index.ts'

const scope =
  '/subscriptions/s/resourceGroups/rg/providers/Microsoft.AppConfiguration/configurationStores/appcs'
const reader = BUILT_IN_ROLES['App Configuration Data Reader']

describe('roleAssignmentName', () => {
  it('is a GUID that is the same on every run for the same scope, principal and role', () => {
    const name = roleAssignmentName(scope, 'P1', reader)
    expect(name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(
      roleAssignmentName(scope.toLowerCase().replace('/subscriptions', '//subscriptions'), 'p1', reader),
    ).toBe(name)
  })

  it('differs for another principal (a re-created identity), role or scope', () => {
    const name = roleAssignmentName(scope, 'P1', reader)
    expect(roleAssignmentName(scope, 'P2', reader)).not.toBe(name)
    expect(roleAssignmentName(scope, 'P1', BUILT_IN_ROLES['App Configuration Data Owner'])).not.toBe(name)
    expect(roleAssignmentName(`${scope}2`, 'P1', reader)).not.toBe(name)
  })
})
