import { describe, expect, it } from 'vitest'
import {
  AmbiguousIdentityError,
  assertIdentitySelector,
  IdentityNotSetError,
  InvalidGuidError,
  InvalidOptionError,
  InvalidResourceIdError,
  InvalidSelectorError,
  identityKindOf,
  identityVariable,
  NotAUserAssignedIdentityError,
  PastedValueError,
  parseIdentityResourceId,
  selectorKind,
  selectorValue,
} from '../src/diagnostics.ts'
import {
  IDENTITY_VARIABLES,
  identityFromEnv,
  isUamiCredentialError,
  parseIdentitySelector,
} from '../src/index.ts'
import { ATTACHED, SUBSCRIPTION_ID } from './helpers/ids.ts'
import { fakeJwt } from './helpers/jwt.ts'

const GUID = ATTACHED.clientId
const RG_PREFIX = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-uami`

function thrown(action: () => unknown): Error {
  try {
    action()
  } catch (error) {
    if (error instanceof Error) return error
    throw new Error(`threw a non-error: ${String(error)}`)
  }
  throw new Error('did not throw')
}

describe('identityFromEnv', () => {
  it.each([
    [{ AZURE_CLIENT_ID: GUID }, { clientId: GUID }],
    [{ AZURE_CLIENT_ID: GUID.toUpperCase() }, { clientId: GUID.toUpperCase() }],
    [{ AZURE_MANAGED_IDENTITY_OBJECT_ID: ATTACHED.objectId }, { objectId: ATTACHED.objectId }],
    [{ AZURE_MANAGED_IDENTITY_RESOURCE_ID: ATTACHED.resourceId }, { resourceId: ATTACHED.resourceId }],
    [
      { AZURE_MANAGED_IDENTITY_RESOURCE_ID: ATTACHED.resourceId.toLowerCase() },
      { resourceId: ATTACHED.resourceId.toLowerCase() },
    ],
    [{ AZURE_CLIENT_ID: GUID, AZURE_MANAGED_IDENTITY_OBJECT_ID: '' }, { clientId: GUID }],
  ])('reads %o as %o', (env, expected) => {
    expect(identityFromEnv(env)).toEqual(expected)
  })

  it('returns a frozen selector with exactly one key', () => {
    const selector = identityFromEnv({ AZURE_CLIENT_ID: GUID })
    expect(Object.isFrozen(selector)).toBe(true)
    expect(Object.keys(selector)).toEqual(['clientId'])
  })

  it('names all three variables when none is set', () => {
    const error = thrown(() => identityFromEnv({ AZURE_CLIENT_ID: '' }))
    expect(error).toBeInstanceOf(IdentityNotSetError)
    expect(error).toMatchObject({
      code: 'UAMI_CRED_IDENTITY_NOT_SET',
      variables: Object.values(IDENTITY_VARIABLES),
    })
    expect(error.message).toContain(
      'none of AZURE_CLIENT_ID, AZURE_MANAGED_IDENTITY_RESOURCE_ID, AZURE_MANAGED_IDENTITY_OBJECT_ID is set',
    )
    expect(error.message).toContain('az identity show')
  })

  it('refuses several identity variables and names them', () => {
    const error = thrown(() =>
      identityFromEnv({ AZURE_CLIENT_ID: GUID, AZURE_MANAGED_IDENTITY_RESOURCE_ID: ATTACHED.resourceId }),
    )
    expect(error).toBeInstanceOf(AmbiguousIdentityError)
    expect(error).toMatchObject({
      code: 'UAMI_CRED_IDENTITY_AMBIGUOUS',
      variables: ['AZURE_CLIENT_ID', 'AZURE_MANAGED_IDENTITY_RESOURCE_ID'],
    })
    expect(error.message).toContain('unset AZURE_CLIENT_ID')
  })

  it('explains when AZURE_CLIENT_ID belongs to a service principal for EnvironmentCredential', () => {
    const error = thrown(() =>
      identityFromEnv({
        AZURE_CLIENT_ID: GUID,
        AZURE_MANAGED_IDENTITY_OBJECT_ID: ATTACHED.objectId,
        AZURE_CLIENT_SECRET: 'x',
      }),
    )
    expect(error.message).toContain(
      'AZURE_CLIENT_ID also serves EnvironmentCredential here (AZURE_CLIENT_SECRET is set)',
    )
    expect(error.message).toContain("identityFromEnv(process.env, { kinds: ['objectId'] })")
    expect(error.message).not.toMatch(/=x\b/)
  })

  it('reads only the kinds an app accepts', () => {
    const env = { AZURE_CLIENT_ID: GUID, AZURE_MANAGED_IDENTITY_OBJECT_ID: ATTACHED.objectId }
    expect(identityFromEnv(env, { kinds: ['objectId'] })).toEqual({ objectId: ATTACHED.objectId })
    const error = thrown(() => identityFromEnv({ AZURE_CLIENT_ID: GUID }, { kinds: ['objectId'] }))
    expect(error).toBeInstanceOf(IdentityNotSetError)
    expect(error.message).toContain('AZURE_MANAGED_IDENTITY_OBJECT_ID is not set')
    expect(error.message).toContain('(AZURE_CLIENT_ID is set, but not read here.)')
    expect(error.message).toContain('--query principalId')
  })

  it.each([
    [null, 'identityFromEnv(env)'],
    ['AZURE_CLIENT_ID=x', 'identityFromEnv(env)'],
  ])('refuses a non-object env %o with a coded error', (env, option) => {
    const error = thrown(() => identityFromEnv(env as never))
    expect(error).toBeInstanceOf(InvalidOptionError)
    expect(error).toMatchObject({ option })
  })

  it('refuses an unknown kind in options.kinds', () => {
    const error = thrown(() => identityFromEnv({}, { kinds: ['principalId' as never] }))
    expect(error).toBeInstanceOf(InvalidOptionError)
    expect(error.message).toContain('["principalId"]')
  })
})

describe('client and object IDs', () => {
  it.each([
    ['7d1f3f2e-8c4b-4f7a-9a51-2b8e6c0d4f1g', 36, "character 'g' at position 36 is not a hexadecimal digit"],
    ['7d1f3f2e\u20138c4b-4f7a-9a51-2b8e6c0d4f11', 9, "U+2013 EN DASH at position 9 looks like '-'"],
    [
      '7d1f3f2e8c4b-4f7a-9a51-2b8e6c0d4f11',
      9,
      "position 9 should be '-' but is '8' (the groups have 12-4-4-12 digits",
    ],
    ['7d1f3f2e-8c4b-4f7a-9a51-2b8e6c0d4f1', undefined, 'it is too short: 35 characters, expected 36'],
    ['7d1f3f2e-8c4b-4f7a-9a51-2b8e6c0d4f111', 37, 'it is too long: 37 characters'],
    ['{7d1f3f2e-8c4b-4f7a-9a51-2b8e6c0d4f11}', 1, 'wrapped in braces'],
    ['7d1f3f2e8c4b4f7a9a512b8e6c0d4f11', undefined, 'it has no hyphens'],
    ['7d1f3f2e-8c4b-4f7\u0430-9a51-2b8e6c0d4f11', 18, 'U+0430 at position 18'],
    ['7d1f3f2e-8c4b\u200b-4f7a-9a51-2b8e6c0d4f11', 14, 'U+200B ZERO WIDTH SPACE'],
    ['7d1f 3f2e-8c4b-4f7a-9a51-2b8e6c0d4f11', 5, 'U+0020 SPACE at position 5'],
    ['7d1f3f2e-8c4b-4f7a-9a51', undefined, 'too short'],
    ['7d1f3f2e-8c4-b4f7a-9a51-2b8e6c0d4f11', 13, "character '-' at position 13 is misplaced"],
  ])('rejects %j at position %s: %s', (value, position, reason) => {
    const error = thrown(() => parseIdentitySelector({ kind: 'clientId', value }))
    expect(error).toBeInstanceOf(InvalidGuidError)
    expect(error).toMatchObject({
      code: 'UAMI_CRED_INVALID_GUID',
      variable: 'AZURE_CLIENT_ID',
      kind: 'clientId',
      position,
    })
    expect(error.message).toContain(reason)
    expect(error.message).toContain('--query clientId --output tsv')
  })

  it('says where a resource ID pasted into AZURE_CLIENT_ID belongs', () => {
    const error = thrown(() => identityFromEnv({ AZURE_CLIENT_ID: ATTACHED.resourceId }))
    expect(error).toBeInstanceOf(InvalidGuidError)
    expect(error.message).toContain('it is a resource ID')
    expect(error.message).toContain('AZURE_MANAGED_IDENTITY_RESOURCE_ID')
  })

  it('asks for the principal ID of an object ID', () => {
    const error = thrown(() => identityFromEnv({ AZURE_MANAGED_IDENTITY_OBJECT_ID: 'nope' }))
    expect(error).toMatchObject({ variable: 'AZURE_MANAGED_IDENTITY_OBJECT_ID', kind: 'objectId' })
    expect(error.message).toContain('object (principal) ID')
    expect(error.message).toContain('--query principalId')
  })

  it.each([
    ['a token', fakeJwt({ oid: 'x', secret: 'claims' })],
    ['a client secret', 'Abc8Q~0123456789abcdefghijklmnopqrstuvwxyz'],
  ])('never shows %s pasted into an ID variable', (_, value) => {
    const error = thrown(() => identityFromEnv({ AZURE_CLIENT_ID: value }))
    expect(error).toBeInstanceOf(InvalidGuidError)
    expect(error.message).not.toContain(value)
    expect(JSON.stringify(error)).not.toContain(value)
    expect(error.message).toContain('looks like a token or secret (not shown)')
  })
})

describe('pasted values', () => {
  it.each([
    [`"${GUID}"`, 'quotes', 'surrounding quotes'],
    [`'${GUID}'`, 'quotes', 'surrounding quotes'],
    [`\u201c${GUID}\u201d`, 'quotes', 'U+201C LEFT DOUBLE QUOTATION MARK'],
    [`"${GUID}`, 'quotes', 'a stray quote'],
    [` ${GUID}`, 'leading-whitespace', 'a leading space'],
    [`${GUID}\r`, 'trailing-whitespace', 'CARRIAGE RETURN (a Windows line ending)'],
    [`${GUID}\n`, 'trailing-whitespace', 'a trailing line break'],
    [`${GUID}\u00a0`, 'trailing-whitespace', 'U+00A0 NO-BREAK SPACE'],
    [`\ufeff${GUID}`, 'leading-whitespace', 'U+FEFF BYTE ORDER MARK'],
    ['   ', 'blank', 'only whitespace'],
  ])('reports %j as %s', (value, decoration, description) => {
    const error = thrown(() => identityFromEnv({ AZURE_CLIENT_ID: value }))
    expect(error).toBeInstanceOf(PastedValueError)
    expect(error).toMatchObject({ code: 'UAMI_CRED_PASTED_VALUE', variable: 'AZURE_CLIENT_ID', decoration })
    expect(error.message).toContain(description)
  })

  it('shows the cleaned value to paste instead', () => {
    const error = thrown(() =>
      identityFromEnv({ AZURE_MANAGED_IDENTITY_RESOURCE_ID: `"${ATTACHED.resourceId}"\r\n` }),
    )
    expect(error.message).toContain(`AZURE_MANAGED_IDENTITY_RESOURCE_ID=${ATTACHED.resourceId} `)
    expect(error.message).toContain('--output tsv')
  })
})

describe('resource IDs', () => {
  const sub = `/subscriptions/${SUBSCRIPTION_ID}`
  it.each([
    [`${RG_PREFIX}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-uami-app`, 'id-uami-app'],
    [`${sub}/resourcegroups/rg-uami/providers/microsoft.managedidentity/userassignedidentities/id_2`, 'id_2'],
    [
      `${sub}/RESOURCEGROUPS/Rg.(Caf\u00e9)_1/PROVIDERS/Microsoft.ManagedIdentity/USERASSIGNEDIDENTITIES/ABC`,
      'ABC',
    ],
    [
      `${sub}/resourceGroups/${'r'.repeat(90)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${'i'.repeat(128)}`,
      'i'.repeat(128),
    ],
  ])('accepts %s', (value, name) => {
    expect(identityFromEnv({ AZURE_MANAGED_IDENTITY_RESOURCE_ID: value })).toEqual({ resourceId: value })
    expect(parseIdentityResourceId(value)).toMatchObject({ subscriptionId: SUBSCRIPTION_ID, name })
  })

  it.each([
    [
      `${RG_PREFIX}/providers/Microsoft.Web/sites/web-uami`,
      'Microsoft.Web/sites',
      'an App Service app "web-uami"',
      false,
    ],
    [
      `${RG_PREFIX}/providers/Microsoft.App/containerApps/aca`,
      'Microsoft.App/containerApps',
      'a container app "aca"',
      false,
    ],
    [
      `${RG_PREFIX}/providers/Microsoft.Compute/virtualMachines/vm1`,
      'Microsoft.Compute/virtualMachines',
      'a virtual machine "vm1"',
      false,
    ],
    [
      `${RG_PREFIX}/providers/Microsoft.Web/sites/web-uami/providers/Microsoft.ManagedIdentity/identities/default`,
      'Microsoft.ManagedIdentity/identities',
      'the system-assigned identity of an App Service app "web-uami"',
      true,
    ],
    [
      `${RG_PREFIX}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-uami-app/federatedIdentityCredentials/gh`,
      'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
      'a federated credential',
      false,
    ],
    [RG_PREFIX, undefined, 'the resource group "rg-uami"', false],
    [`/subscriptions/${SUBSCRIPTION_ID}`, undefined, `the subscription ${SUBSCRIPTION_ID}`, false],
    [
      `${sub}/providers/Microsoft.Authorization/roleDefinitions/x`,
      'Microsoft.Authorization/roleDefinitions',
      'a resource "x"',
      false,
    ],
  ])('says %s points at something else (%s)', (value, resourceType, description, systemAssigned) => {
    const error = thrown(() => identityFromEnv({ AZURE_MANAGED_IDENTITY_RESOURCE_ID: value }))
    expect(error).toBeInstanceOf(NotAUserAssignedIdentityError)
    expect(error).toMatchObject({
      code: 'UAMI_CRED_NOT_A_USER_ASSIGNED_IDENTITY',
      resourceType,
      systemAssigned,
    })
    expect(error.message).toContain(description)
    expect(error.message).toContain('--query id --output tsv')
  })

  it.each([
    [`subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg`, "missing the leading '/'"],
    [
      `${RG_PREFIX}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-uami-app/`,
      "it ends with '/'",
    ],
    [
      `/subscriptions/${SUBSCRIPTION_ID}//resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/abc`,
      "empty segment ('//')",
    ],
    [
      '/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/abc',
      'the subscription ID "not-a-guid" is not a GUID',
    ],
    [
      `${sub}/resourceGroups/rg./providers/Microsoft.ManagedIdentity/userAssignedIdentities/abc`,
      'the resource group name "rg." is not valid: it ends with a period',
    ],
    [
      `${sub}/resourceGroups/rg#1/providers/Microsoft.ManagedIdentity/userAssignedIdentities/abc`,
      "character '#' at position 3 is not allowed",
    ],
    [
      `${sub}/resourceGroups/${'r'.repeat(91)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/abc`,
      'at most 90',
    ],
    [`${RG_PREFIX}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/ab`, 'at least 3 are required'],
    [
      `${RG_PREFIX}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/-abc`,
      'must start with a letter or digit',
    ],
    [
      `${RG_PREFIX}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/a.bc`,
      "character '.' at position 2 is not allowed",
    ],
    [
      `${RG_PREFIX}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${'i'.repeat(129)}`,
      'at most 128',
    ],
    [`${RG_PREFIX}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`, 'it is incomplete'],
    [
      `${RG_PREFIX}/foo/Microsoft.ManagedIdentity/userAssignedIdentities/abc`,
      'expected "providers" after the resource group name, found "foo"',
    ],
    [`/tenants/${SUBSCRIPTION_ID}`, 'it starts with "/tenants" instead of "/subscriptions"'],
    [
      `https://portal.azure.com/#@contoso.onmicrosoft.com/resource${ATTACHED.resourceId}/overview`,
      'it is a URL',
    ],
    [GUID, 'it is a GUID'],
    ['id-uami-app', "it does not start with '/subscriptions/'"],
  ])('rejects %s: %s', (value, reason) => {
    const error = thrown(() => identityFromEnv({ AZURE_MANAGED_IDENTITY_RESOURCE_ID: value }))
    expect(error).toBeInstanceOf(InvalidResourceIdError)
    expect(error).toMatchObject({
      code: 'UAMI_CRED_INVALID_RESOURCE_ID',
      variable: 'AZURE_MANAGED_IDENTITY_RESOURCE_ID',
    })
    expect(error.message).toContain(reason)
  })

  it('points at the resource ID inside a portal URL', () => {
    const error = thrown(() =>
      identityFromEnv({
        AZURE_MANAGED_IDENTITY_RESOURCE_ID: `https://portal.azure.com/#resource${ATTACHED.resourceId}`,
      }),
    )
    expect(error.message).toContain('the part that starts at /subscriptions/')
  })
})

describe('parseIdentitySelector', () => {
  it('validates exactly the variable a sample reads and names it', () => {
    expect(parseIdentitySelector({ kind: 'objectId', value: ATTACHED.objectId })).toEqual({
      objectId: ATTACHED.objectId,
    })
    const unset = thrown(() => parseIdentitySelector({ kind: 'resourceId', value: undefined }))
    expect(unset).toBeInstanceOf(IdentityNotSetError)
    expect(unset.message).toMatch(/^AZURE_MANAGED_IDENTITY_RESOURCE_ID is not set\./)
    const custom = thrown(() =>
      parseIdentitySelector({ kind: 'clientId', value: 'x', variable: 'MY_APP_IDENTITY' }),
    )
    expect(custom).toMatchObject({ variable: 'MY_APP_IDENTITY' })
  })

  it.each([[{ kind: 'principalId', value: GUID }], [{ kind: 'clientId', value: 42 }], [null]])(
    'refuses %o with InvalidOptionError',
    (input) => {
      expect(thrown(() => parseIdentitySelector(input as never))).toBeInstanceOf(InvalidOptionError)
    },
  )
})

describe('assertIdentitySelector', () => {
  it.each([
    [ATTACHED.resourceId, 'it is a string'],
    [[GUID], 'it is an array'],
    [null, 'it is null'],
    [{}, 'it has none of clientId, resourceId, objectId'],
    [{ clientId: GUID, objectId: ATTACHED.objectId }, 'it has clientId and objectId'],
    [{ principalId: ATTACHED.objectId }, 'the principal ID is the object ID: use { objectId }'],
    [{ id: ATTACHED.resourceId }, 'use { resourceId }'],
    [{ clientId: 7 }, 'its clientId is a number, not a string'],
  ])('refuses %o: %s', (value, reason) => {
    const error = thrown(() => assertIdentitySelector(value))
    expect(error).toBeInstanceOf(InvalidSelectorError)
    expect(error.message).toContain(reason)
    expect(error.message).toContain('{ clientId }, { resourceId } or { objectId }')
  })

  it('explains why a string is refused (ERRATA #1)', () => {
    expect(thrown(() => assertIdentitySelector(ATTACHED.resourceId)).message).toContain(
      'a string is always read as a client ID',
    )
  })

  it('validates the value and names it selector.<kind>', () => {
    expect(assertIdentitySelector({ clientId: GUID, objectId: undefined })).toEqual({ clientId: GUID })
    expect(thrown(() => assertIdentitySelector({ objectId: 'bad' }))).toMatchObject({
      variable: 'selector.objectId',
    })
  })
})

describe('identity variables and selectors', () => {
  it('maps kinds to variables and back', () => {
    expect(identityVariable('clientId')).toBe('AZURE_CLIENT_ID')
    expect(identityVariable('resourceId')).toBe('AZURE_MANAGED_IDENTITY_RESOURCE_ID')
    expect(identityVariable('objectId')).toBe('AZURE_MANAGED_IDENTITY_OBJECT_ID')
    expect(identityKindOf('AZURE_MANAGED_IDENTITY_OBJECT_ID')).toBe('objectId')
    expect(identityKindOf('AZURE_TENANT_ID')).toBeUndefined()
  })

  it('tells a selector kind and value', () => {
    expect(selectorKind({ resourceId: ATTACHED.resourceId })).toBe('resourceId')
    expect(selectorValue({ objectId: ATTACHED.objectId })).toBe(ATTACHED.objectId)
    expect(selectorKind({ clientId: GUID })).toBe('clientId')
  })

  it('marks every validation error as a UamiCredentialError, never a TypeError', () => {
    for (const env of [{}, { AZURE_CLIENT_ID: 'x' }, { AZURE_MANAGED_IDENTITY_RESOURCE_ID: '/x' }]) {
      const error = thrown(() => identityFromEnv(env))
      expect(isUamiCredentialError(error)).toBe(true)
      expect(error).not.toBeInstanceOf(TypeError)
    }
  })
})
