import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../src/index.ts'
import { type ArmClients, armClients, armFetch } from './helpers/arm-clients.ts'
import { developerCredential, startTestEmulator } from './helpers/emulator.ts'

const API = 'api-version=2024-11-30'

describe('ARM request paths', () => {
  let emulator: RunningEmulator
  let arm: ArmClients
  let sub: string
  let identityId: string

  beforeAll(async () => {
    emulator = await startTestEmulator()
    arm = armClients(emulator)
    sub = `/subscriptions/${emulator.subscriptionId}`
    await arm.resources.resourceGroups.createOrUpdate('Rg-Paths', { location: 'eastus' })
    const identity = await arm.msi.userAssignedIdentities.createOrUpdate('Rg-Paths', 'Id-Paths', {
      location: 'eastus',
    })
    identityId = identity.id as string
  })
  afterAll(() => emulator.stop())

  it('routes paths case-insensitively and answers with the names as created', async () => {
    const shouted = `/SUBSCRIPTIONS/${emulator.subscriptionId.toUpperCase()}/RESOURCEGROUPS/rg-paths/PROVIDERS/microsoft.managedidentity/USERASSIGNEDIDENTITIES/id-paths?${API}`
    const response = await armFetch(emulator, shouted)
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ id: identityId, name: 'Id-Paths' })
  })

  it('accepts the double slash @azure/arm-authorization sends and a trailing slash', async () => {
    const doubled = await armFetch(emulator, `/${sub}//resourcegroups/rg-paths?${API}`)
    expect(doubled.status).toBe(200)
    expect(doubled.body).toMatchObject({ name: 'Rg-Paths' })
    const trailing = await armFetch(emulator, `${sub}/resourceGroups/Rg-Paths/?${API}`)
    expect(trailing.status).toBe(200)
  })

  it('lists with the lower-case resourcegroups segment of @azure/arm-resources', async () => {
    const response = await armFetch(
      emulator,
      `${sub}/resourcegroups/rg-paths/providers/Microsoft.ManagedIdentity/userAssignedIdentities?${API}`,
    )
    expect(response.body?.value?.map((identity) => identity.name)).toEqual(['Id-Paths'])
  })

  it.each([
    ['a path outside /subscriptions', '/storage/accounts', 'InvalidRequestUri'],
    ['an unknown segment below a subscription', '/subscriptions/{sub}/things/x', 'InvalidRequestUri'],
    [
      'a namespace without a type',
      '/subscriptions/{sub}/resourceGroups/rg-paths/providers/Microsoft.Web',
      'InvalidRequestUri',
    ],
    [
      'a segment in place of providers',
      '/subscriptions/{sub}/resourceGroups/rg-paths/things/Microsoft.Web/sites/x',
      'InvalidRequestUri',
    ],
    ['a broken percent-encoding', '/subscriptions/{sub}/resourceGroups/rg%zz', 'InvalidRequestUri'],
    [
      'a role assignment scope that is not a resource ID',
      '/subscriptions/{sub}/resourceGroups/providers/Microsoft.Authorization/roleAssignments',
      'InvalidResourceId',
    ],
  ])('answers %s with 400 %s', async (_, template, code) => {
    const response = await armFetch(emulator, `${template.replace('{sub}', emulator.subscriptionId)}?${API}`)
    expect(response.status).toBe(400)
    expect(response.body?.error?.code).toBe(code)
  })

  it('answers resource types it does not model with 400 NoRegisteredProviderFound, saying so', async () => {
    for (const path of [
      `${sub}/resourceGroups/rg-paths/providers/Microsoft.Storage/storageAccounts/st1`,
      `${sub}/resourceGroups/rg-paths/providers/Microsoft.Web/sites/web1/config/web`,
      `${sub}/providers/Microsoft.Storage/storageAccounts`,
      `${sub}/providers/Microsoft.Authorization/denyAssignments`,
    ]) {
      const response = await armFetch(emulator, `${path}?${API}`)
      expect(response.status).toBe(400)
      expect(response.body?.error?.code).toBe('NoRegisteredProviderFound')
      expect(response.body?.error?.message).toMatch(/emulator does not model|not model/)
    }
  })

  it('answers an unsupported method with 405 and the ARM envelope', async () => {
    const response = await armFetch(emulator, `${identityId}?${API}`, { method: 'POST', body: {} })
    expect(response.status).toBe(405)
    expect(response.body?.error?.code).toBe('MethodNotAllowed')
  })

  it('never answers malformed input with a 5xx or a non-ARM body', async () => {
    const token = (await developerCredential(emulator).getToken('https://management.azure.com/.default'))
      .token
    const rgPath = `${sub}/resourceGroups/rg-fuzz`
    const idPath = `${sub}/resourceGroups/Rg-Paths/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-fuzz`
    const sitePath = `${sub}/resourceGroups/Rg-Paths/providers/Microsoft.Web/sites/web-fuzz`
    const raBase = `${sub}/providers/Microsoft.Authorization/roleAssignments`
    const cases: Array<[string, string, string | undefined]> = [
      ['PUT', rgPath, '[]'],
      ['PUT', rgPath, 'null'],
      ['PUT', rgPath, '"eastus"'],
      ['PUT', rgPath, '{"location": 42}'],
      ['PUT', rgPath, '{"location": "eastus", "tags": []}'],
      ['PUT', rgPath, '{"location": "eastus", "tags": {"a": 1}}'],
      ['PUT', rgPath, ''],
      ['PATCH', rgPath, '{'],
      ['PUT', idPath, '{"location": "eastus", "properties": "x"}'],
      ['PUT', sitePath, '{"location": "eastus", "identity": "SystemAssigned"}'],
      ['PUT', sitePath, '{"location": "eastus", "identity": {"type": 7}}'],
      [
        'PUT',
        sitePath,
        '{"location": "eastus", "identity": {"type": "UserAssigned", "userAssignedIdentities": []}}',
      ],
      [
        'PUT',
        sitePath,
        `{"location": "eastus", "identity": {"type": "UserAssigned", "userAssignedIdentities": {"${identityId}": 5}}}`,
      ],
      [
        'PUT',
        sitePath,
        `{"location": "eastus", "identity": {"type": "UserAssigned", "userAssignedIdentities": {"${identityId}": null}}}`,
      ],
      ['PUT', `${raBase}/00000000-0000-4000-8000-000000000000`, '{"properties": {"principalId": 5}}'],
      [
        'PUT',
        `${raBase}/00000000-0000-4000-8000-000000000000`,
        '{"properties": {"roleDefinitionId": "x", "principalId": "y"}}',
      ],
      [
        'PUT',
        `${raBase}/00000000-0000-4000-8000-000000000000`,
        '{"properties": {"roleDefinitionId": "/providers/Microsoft.Authorization/roleDefinitions/x", "principalId": "y", "principalType": "Robot"}}',
      ],
      ['PUT', `${raBase}/00000000-0000-4000-8000-000000000000`, '{"properties": null}'],
      ['GET', `${raBase}?$filter=${encodeURIComponent("principalId eq '")}`, undefined],
      [
        'GET',
        `${sub}/providers/Microsoft.Authorization/roleDefinitions?$filter=${encodeURIComponent('roleName eq')}`,
        undefined,
      ],
      ['DELETE', `${sub}/resourceGroups/${'x'.repeat(300)}`, undefined],
      [
        'GET',
        `${sub}/resourceGroups/Rg-Paths/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${encodeURIComponent('a/b')}`,
        undefined,
      ],
    ]
    for (const [method, path, body] of cases) {
      const response = await armFetch(emulator, `${path}${path.includes('?') ? '&' : '?'}${API}`, {
        method,
        token,
        ...(body === undefined ? {} : { rawBody: body }),
      })
      expect({ method, path, body, status: response.status < 500 }).toEqual({
        method,
        path,
        body,
        status: true,
      })
      if (response.status >= 400) {
        expect(response.body?.error, `${method} ${path} ${body}`).toEqual({
          code: expect.any(String),
          message: expect.any(String),
        })
      }
    }
  })
})
