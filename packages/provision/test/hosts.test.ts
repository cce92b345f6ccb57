import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  attachIdentity,
  describeHostIdentity,
  detachIdentity,
  type EnsureHostOptions,
  ensureAppSettings,
  ensureHost,
  ensureResourceGroup,
  ensureUserAssignedIdentity,
  HOST_KINDS,
  type HostKind,
  hostRef,
  isProvisionError,
  sameResourceId,
  type UserAssignedIdentityFacts,
} from '../src/index.ts'
import { startTestBed, type TestBed } from './helpers/emulator.ts'

const RG = 'rg-hosts'
let bed: TestBed
let first: UserAssignedIdentityFacts
let second: UserAssignedIdentityFacts

beforeAll(async () => {
  bed = await startTestBed()
  await ensureResourceGroup(bed.clients, { name: RG, location: 'swedencentral' })
  first = await ensureUserAssignedIdentity(bed.clients, { resourceGroup: RG, name: 'id-first' })
  second = await ensureUserAssignedIdentity(bed.clients, { resourceGroup: RG, name: 'id-second' })
})
afterAll(async () => {
  await bed?.emulator.stop()
})

function hostOptions(kind: HostKind, name: string): EnsureHostOptions {
  return { kind, resourceGroup: RG, name, prerequisites: 'skip' }
}

describe.each(HOST_KINDS)('ensureHost and attachIdentity on %s', (kind) => {
  const name = `${kind === 'vm' ? 'vm' : kind === 'app-service' ? 'app' : 'ca'}-hosts`

  it('is created once and reused on a re-run', async () => {
    const created = await ensureHost(bed.clients, hostOptions(kind, name))
    expect(created).toMatchObject({ kind, name, resourceGroup: RG, location: 'swedencentral', created: true })
    expect(sameResourceId(created.id, hostRef(bed.clients.subscriptionId, kind, RG, name).id)).toBe(true)
    const again = await ensureHost(bed.clients, hostOptions(kind, name))
    expect(again.created).toBe(false)
    expect(again.id).toBe(created.id)
    expect(await describeHostIdentity(bed.clients, created)).toEqual({
      type: 'None',
      userAssignedIdentityIds: [],
      systemAssignedPrincipalId: undefined,
    })
  })

  it('gets the identity attached, reads it back, and keeps it when attached again', async () => {
    const host = hostRef(bed.clients.subscriptionId, kind, RG, name)
    const attached = await attachIdentity(bed.clients, host, first.id)
    expect(attached.changed).toBe(true)
    expect(attached.identity.type).toBe('UserAssigned')
    expect(attached.identity.userAssignedIdentityIds.map((id) => sameResourceId(id, first.id))).toEqual([
      true,
    ])
    const again = await attachIdentity(bed.clients, host, first.id)
    expect(again).toEqual({ changed: false, identity: attached.identity })
  })

  it('merges a second identity without dropping the first, and detaches one at a time', async () => {
    const host = hostRef(bed.clients.subscriptionId, kind, RG, name)
    await attachIdentity(bed.clients, host, second.id)
    const both = await describeHostIdentity(bed.clients, host)
    expect(both.userAssignedIdentityIds).toHaveLength(2)
    const detached = await detachIdentity(bed.clients, host, first.id)
    expect(detached.changed).toBe(true)
    expect(detached.identity.userAssignedIdentityIds).toHaveLength(1)
    expect(sameResourceId(detached.identity.userAssignedIdentityIds[0] ?? '', second.id)).toBe(true)
    const last = await detachIdentity(bed.clients, host, second.id)
    expect(last.identity).toEqual({
      type: 'None',
      userAssignedIdentityIds: [],
      systemAssignedPrincipalId: undefined,
    })
    expect((await detachIdentity(bed.clients, host, second.id)).changed).toBe(false)
  })

  it('does not lose the host when ensureHost runs again after an attach', async () => {
    const host = hostRef(bed.clients.subscriptionId, kind, RG, name)
    await attachIdentity(bed.clients, host, first.id)
    await ensureHost(bed.clients, hostOptions(kind, name))
    const state = await describeHostIdentity(bed.clients, host)
    expect(state.userAssignedIdentityIds.some((id) => sameResourceId(id, first.id))).toBe(true)
  })

  it('names the missing host and how to create it', async () => {
    const missing = hostRef(bed.clients.subscriptionId, kind, RG, `${name}-missing`)
    const error = await attachIdentity(bed.clients, missing, first.id).catch((e: unknown) => e)
    expect(isProvisionError(error, 'UAMI_PROVISION_RESOURCE_NOT_FOUND')).toBe(true)
    expect((error as Error).message).toContain(missing.id)
    expect((error as Error).message).toContain('ensureHost')
  })
})

describe('attachIdentity with a system-assigned identity on the host', () => {
  it('keeps the system-assigned identity: the type becomes "SystemAssigned, UserAssigned"', async () => {
    await bed.clients.compute.virtualMachines.beginCreateOrUpdateAndWait(RG, 'vm-system', {
      location: 'swedencentral',
      identity: { type: 'SystemAssigned' },
    })
    const host = hostRef(bed.clients.subscriptionId, 'vm', RG, 'vm-system')
    const before = await describeHostIdentity(bed.clients, host)
    expect(before.systemAssignedPrincipalId).toMatch(/^[0-9a-f-]{36}$/)
    const attached = await attachIdentity(bed.clients, host, first.id)
    expect(attached.identity.type).toBe('SystemAssigned, UserAssigned')
    expect(attached.identity.systemAssignedPrincipalId).toBe(before.systemAssignedPrincipalId)
    const detached = await detachIdentity(bed.clients, host, first.id)
    expect(detached.identity.type).toBe('SystemAssigned')
    expect(detached.identity.systemAssignedPrincipalId).toBe(before.systemAssignedPrincipalId)
  })
})

describe('attachIdentity with an identity that does not exist', () => {
  it("reports ARM's code and message", async () => {
    const host = await ensureHost(bed.clients, hostOptions('container-apps', 'ca-typo'))
    const missing = first.id.replace(/id-first$/, 'id-typo')
    const error = await attachIdentity(bed.clients, host, missing).catch((e: unknown) => e)
    expect(isProvisionError(error, 'UAMI_PROVISION_ARM_REQUEST_FAILED')).toBe(true)
    expect(error).toMatchObject({ statusCode: 400, armCode: 'FailedIdentityOperation' })
    expect((error as Error).message).toContain('id-typo')
  })
})

describe('ensureAppSettings', () => {
  it("merges variables into a container app's first container, keeping the others", async () => {
    const host = await ensureHost(bed.clients, {
      ...hostOptions('container-apps', 'ca-settings'),
      appSettings: { KEEP: 'kept', CHANGE: 'old' },
    } as EnsureHostOptions)
    expect(await ensureAppSettings(bed.clients, host, { CHANGE: 'new', ADD: 'added' })).toEqual({
      applied: true,
    })
    const app = await bed.clients.containerApps.containerApps.get(RG, 'ca-settings')
    const env = Object.fromEntries((app.template?.containers?.[0]?.env ?? []).map((e) => [e.name, e.value]))
    expect(env).toEqual({ KEEP: 'kept', CHANGE: 'new', ADD: 'added' })
  })

  it('sends nothing for a VM and says where its environment lives instead', async () => {
    const host = await ensureHost(bed.clients, hostOptions('vm', 'vm-settings'))
    const result = await ensureAppSettings(bed.clients, host, { A: '1' })
    expect(result.applied).toBe(false)
    expect(result.note).toContain('systemd')
  })
})

describe('ensureHost for a VM in Azure', () => {
  it('refuses to create a VM without an SSH public key, before any request', async () => {
    const error = await ensureHost(bed.clients, {
      kind: 'vm',
      resourceGroup: RG,
      name: 'vm-nokey',
      prerequisites: 'create',
    }).catch((e: unknown) => e)
    expect(isProvisionError(error, 'UAMI_PROVISION_INVALID_OPTION')).toBe(true)
    expect((error as Error).message).toContain('sshPublicKey')
    expect((error as Error).message).toContain('never generates keys')
  })

  it('refuses a private key or anything that is not an OpenSSH public key', async () => {
    const error = await ensureHost(bed.clients, {
      kind: 'vm',
      resourceGroup: RG,
      name: 'vm-badkey',
      prerequisites: 'skip',
      sshPublicKey:
        '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----',
    }).catch((e: unknown) => e)
    expect(isProvisionError(error, 'UAMI_PROVISION_INVALID_OPTION')).toBe(true)
    expect((error as Error).message).not.toContain('b3BlbnNzaC1rZXktdjEAAAAA')
  })
})
