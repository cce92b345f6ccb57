import { describe, expect, it } from 'vitest'
import { withoutUserAssigned, withUserAssigned } from '../src/index.ts'

const a = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/a'
const b = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/b'

describe('withUserAssigned', () => {
  it('adds the identity to a host that has none', () => {
    expect(withUserAssigned(undefined, a)).toEqual({
      type: 'UserAssigned',
      userAssignedIdentities: { [a]: {} },
    })
    expect(withUserAssigned({ type: 'None' }, a)).toEqual({
      type: 'UserAssigned',
      userAssignedIdentities: { [a]: {} },
    })
  })

  it('keeps a system-assigned identity and the other user-assigned identities', () => {
    expect(
      withUserAssigned(
        {
          type: 'SystemAssigned, UserAssigned',
          principalId: 'p',
          userAssignedIdentities: { [b]: { clientId: 'x' } },
        },
        a,
      ),
    ).toEqual({ type: 'SystemAssigned, UserAssigned', userAssignedIdentities: { [b]: {}, [a]: {} } })
    expect(withUserAssigned({ type: 'SystemAssigned', principalId: 'p' }, a).type).toBe(
      'SystemAssigned, UserAssigned',
    )
  })

  it('does not list an identity twice when ARM returned it in other casing', () => {
    const lower = a.replace('resourceGroups', 'resourcegroups').toLowerCase()
    expect(withUserAssigned({ type: 'UserAssigned', userAssignedIdentities: { [lower]: {} } }, a)).toEqual({
      type: 'UserAssigned',
      userAssignedIdentities: { [a]: {} },
    })
  })
})

describe('withoutUserAssigned', () => {
  const both = { type: 'UserAssigned', userAssignedIdentities: { [a]: {}, [b]: {} } }

  it('lists what remains for PUT (replace) and nulls the removed one for PATCH (merge-patch)', () => {
    expect(withoutUserAssigned(both, a, 'replace')).toEqual({
      type: 'UserAssigned',
      userAssignedIdentities: { [b]: {} },
    })
    expect(withoutUserAssigned(both, a, 'merge-patch')).toEqual({
      type: 'UserAssigned',
      userAssignedIdentities: { [b]: {}, [a]: null },
    })
  })

  it('falls back to SystemAssigned or None when the last user-assigned identity goes', () => {
    expect(
      withoutUserAssigned({ type: 'UserAssigned', userAssignedIdentities: { [a]: {} } }, a, 'merge-patch'),
    ).toEqual({ type: 'None' })
    expect(
      withoutUserAssigned(
        { type: 'SystemAssigned, UserAssigned', userAssignedIdentities: { [a]: {} } },
        a,
        'replace',
      ),
    ).toEqual({ type: 'SystemAssigned' })
  })
})
