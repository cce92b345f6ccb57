import type { Identity } from '@azure/arm-msi'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../src/index.ts'
import { type ArmClients, armClients, armError, armFetch } from './helpers/arm-clients.ts'
import { type HostDriver, hostDrivers } from './helpers/arm-hosts.ts'
import { fixture, runNodeJson } from './helpers/child.ts'
import { startTestEmulator } from './helpers/emulator.ts'

const RG = 'rg-hosts'

describe('ARM hosts with an identity block (sites, container apps, virtual machines)', () => {
  let emulator: RunningEmulator
  let arm: ArmClients
  let first: Identity
  let second: Identity

  beforeAll(async () => {
    emulator = await startTestEmulator()
    arm = armClients(emulator)
    await arm.resources.resourceGroups.createOrUpdate(RG, { location: 'eastus' })
    first = await arm.msi.userAssignedIdentities.createOrUpdate(RG, 'id-first', { location: 'eastus' })
    second = await arm.msi.userAssignedIdentities.createOrUpdate(RG, 'id-second', { location: 'eastus' })
  })
  afterAll(() => emulator.stop())

  const attached = (...identities: Identity[]) =>
    Object.fromEntries(identities.map((identity) => [identity.id as string, {}]))
  const secretOf = (env: Record<string, string>) =>
    env.IDENTITY_HEADER ?? env.AZURE_POD_IDENTITY_AUTHORITY_HOST

  describe.each(['site', 'containerApp', 'virtualMachine'] as const)('%s', (kind) => {
    let host: HostDriver
    beforeAll(() => {
      host = hostDrivers(arm).find((driver) => driver.kind === kind) as HostDriver
    })

    it('creates a host with a minimal body, without an identity, and reads it back', async () => {
      const name = host.name('plain')
      const created = await host.create(RG, name, { location: 'East US' })
      expect(created).toMatchObject({
        id: `/subscriptions/${emulator.subscriptionId}/resourceGroups/${RG}/providers/${host.type}/${name}`,
        name,
        location: 'eastus',
      })
      expect(created.identity).toBeUndefined()
      expect(await host.get(RG, name)).toMatchObject({ id: created.id })
    })

    it('attaches a user-assigned identity and returns its principal and client IDs', async () => {
      const name = host.name('uami')
      const created = await host.create(RG, name, {
        location: 'eastus',
        identity: { type: 'UserAssigned', userAssignedIdentities: attached(first) },
      })
      expect(created.identity).toMatchObject({
        type: 'UserAssigned',
        userAssignedIdentities: {
          [first.id as string]: { principalId: first.principalId, clientId: first.clientId },
        },
      })
      expect((await host.get(RG, name)).identity?.userAssignedIdentities).toHaveProperty([first.id as string])
    })

    it('attaches a second identity with GET then update of the merged map, keeping the host secret', async () => {
      const name = host.name('merge')
      const created = await host.create(RG, name, {
        location: 'eastus',
        identity: { type: 'UserAssigned', userAssignedIdentities: attached(first) },
      })
      const envBefore = emulator.hostEnv(created.id as string)
      const current = await host.get(RG, name)
      const merged = {
        ...Object.fromEntries(
          Object.keys(current.identity?.userAssignedIdentities ?? {}).map((id) => [id, {}]),
        ),
        ...attached(second),
      }
      const updated = await host.update(RG, name, {
        location: 'eastus',
        identity: { type: 'UserAssigned', userAssignedIdentities: merged },
      })
      expect(Object.keys(updated.identity?.userAssignedIdentities ?? {}).sort()).toEqual(
        [first.id, second.id].sort(),
      )
      expect(secretOf(emulator.hostEnv(created.id as string))).toBe(secretOf(envBefore))
    })

    it('replaces the user-assigned identities on a PUT with an identity block', async () => {
      const name = host.name('replace')
      await host.create(RG, name, {
        location: 'eastus',
        identity: { type: 'UserAssigned', userAssignedIdentities: attached(first) },
      })
      const replaced = await host.create(RG, name, {
        location: 'eastus',
        identity: { type: 'UserAssigned', userAssignedIdentities: attached(second) },
      })
      expect(Object.keys(replaced.identity?.userAssignedIdentities ?? {})).toEqual([second.id])
    })

    it('gives a system-assigned identity IDs that survive updates and change when it is enabled again', async () => {
      const name = host.name('system')
      const created = await host.create(RG, name, {
        location: 'eastus',
        identity: { type: 'SystemAssigned' },
      })
      const principalId = created.identity?.principalId
      expect(principalId).toMatch(/^[0-9a-f-]{36}$/)
      expect(created.identity?.tenantId).toBe(emulator.tenantId)
      const both = await host.update(RG, name, {
        location: 'eastus',
        identity: { type: 'SystemAssigned, UserAssigned', userAssignedIdentities: attached(first) },
      })
      expect(both.identity).toMatchObject({ type: 'SystemAssigned, UserAssigned', principalId })
      await host.create(RG, name, { location: 'eastus', identity: { type: 'None' } })
      const again = await host.create(RG, name, { location: 'eastus', identity: { type: 'SystemAssigned' } })
      expect(again.identity?.principalId).not.toBe(principalId)
    })

    it('accepts the identity type in any casing and answers with ARM casing', async () => {
      const created = await host.create(RG, host.name('casing'), {
        location: 'eastus',
        identity: { type: 'userassigned,SYSTEMASSIGNED', userAssignedIdentities: attached(first) },
      })
      expect(created.identity?.type).toBe('SystemAssigned, UserAssigned')
    })

    it('refuses an identity that does not exist with 400 FailedIdentityOperation naming it', async () => {
      const missing = (first.id as string).replace('id-first', 'id-missing')
      const error = await armError(
        host.create(RG, host.name('missing'), {
          location: 'eastus',
          identity: { type: 'UserAssigned', userAssignedIdentities: { [missing]: {} } },
        }),
      )
      expect(error).toMatchObject({ statusCode: 400, code: 'FailedIdentityOperation' })
      expect(error.message).toContain(missing)
    })

    it('refuses UserAssigned without identities with 400 MissingIdentityIds', async () => {
      const error = await armError(
        host.create(RG, host.name('empty'), { location: 'eastus', identity: { type: 'UserAssigned' } }),
      )
      expect(error).toMatchObject({ statusCode: 400, code: 'MissingIdentityIds' })
    })

    it('refuses an unknown identity type and a key that is not an identity ID', async () => {
      const badType = await armError(
        host.create(RG, host.name('badtype'), { location: 'eastus', identity: { type: 'ManagedAssigned' } }),
      )
      expect(badType).toMatchObject({ statusCode: 400, code: 'InvalidParameter' })
      const badKey = await armError(
        host.create(RG, host.name('badkey'), {
          location: 'eastus',
          identity: { type: 'UserAssigned', userAssignedIdentities: { 'id-first': {} } },
        }),
      )
      expect(badKey).toMatchObject({ statusCode: 400, code: 'LinkedInvalidPropertyId' })
    })

    it('refuses a name that breaks the naming rule with 400 InvalidResourceName', async () => {
      const error = await armError(host.create(RG, host.invalidName, { location: 'eastus' }))
      expect(error).toMatchObject({ statusCode: 400, code: 'InvalidResourceName' })
    })

    it('deletes a host; reading it then answers 404 ResourceNotFound', async () => {
      const name = host.name('gone')
      await host.create(RG, name, { location: 'eastus' })
      await host.remove(RG, name)
      expect(await armError(host.get(RG, name))).toMatchObject({ statusCode: 404, code: 'ResourceNotFound' })
    })

    it('lets code on the host get a token for the attached identity, with xms_mirid = its ARM ID', async () => {
      const created = await host.create(RG, host.name('token'), {
        location: 'eastus',
        identity: { type: 'UserAssigned', userAssignedIdentities: attached(first) },
      })
      const result = await runNodeJson<{ ok: boolean; claims?: Record<string, string> }>(
        fixture('mi-token.mjs'),
        [JSON.stringify({ clientId: first.clientId })],
        emulator.hostEnv(created.id as string),
      )
      expect(result).toMatchObject({
        ok: true,
        claims: {
          oid: first.principalId,
          appid: first.clientId,
          xms_mirid: first.id,
          xms_az_rid: created.id,
        },
      })
    })
  })

  describe('raw ARM requests', () => {
    const sitePath = (name: string) =>
      `/subscriptions/${emulator.subscriptionId}/resourceGroups/${RG}/providers/Microsoft.Web/sites/${name}?api-version=2025-05-01`

    it('echoes top-level fields and properties it does not model', async () => {
      const response = await armFetch(emulator, sitePath('web-echo'), {
        method: 'PUT',
        body: {
          location: 'eastus',
          kind: 'app,linux',
          properties: { siteConfig: { linuxFxVersion: 'NODE|22-lts' }, httpsOnly: true },
        },
      })
      expect(response.status).toBe(200) // App Service answers a new site with 200 (the Python SDK accepts only 200/202)
      expect(response.body).toMatchObject({
        kind: 'app,linux',
        properties: {
          siteConfig: { linuxFxVersion: 'NODE|22-lts' },
          httpsOnly: true,
          defaultHostName: 'web-echo.azurewebsites.net',
        },
      })
    })

    it('detaches one identity with null in a PATCH and keeps the others', async () => {
      const identities = { [first.id as string]: {}, [second.id as string]: {} }
      await armFetch(emulator, sitePath('web-detach'), {
        method: 'PUT',
        body: { location: 'eastus', identity: { type: 'UserAssigned', userAssignedIdentities: identities } },
      })
      const response = await armFetch(emulator, sitePath('web-detach'), {
        method: 'PATCH',
        body: { identity: { type: 'UserAssigned', userAssignedIdentities: { [first.id as string]: null } } },
      })
      expect(response.status).toBe(200)
      const identity = response.body?.identity as { userAssignedIdentities?: object } | undefined
      expect(Object.keys(identity?.userAssignedIdentities ?? {})).toEqual([second.id])
    })

    it('keeps the identity block when a PUT has none', async () => {
      await armFetch(emulator, sitePath('web-keep'), {
        method: 'PUT',
        body: { location: 'eastus', identity: { type: 'SystemAssigned' } },
      })
      const response = await armFetch(emulator, sitePath('web-keep'), {
        method: 'PUT',
        body: { location: 'eastus' },
      })
      expect(response.status).toBe(200)
      expect(response.body?.identity).toMatchObject({ type: 'SystemAssigned' })
    })

    it('creates a host in a missing resource group with 404 ResourceGroupNotFound', async () => {
      const path = sitePath('web-x').replace(RG, 'rg-absent')
      const response = await armFetch(emulator, path, { method: 'PUT', body: { location: 'eastus' } })
      expect(response.status).toBe(404)
      expect(response.body?.error?.code).toBe('ResourceGroupNotFound')
    })
  })
})
