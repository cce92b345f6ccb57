import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../src/index.ts'
import type { IdentityRecord } from '../src/state/model.ts'
import { fixture, runNodeJson } from './helpers/child.ts'
import { startTestEmulator } from './helpers/emulator.ts'
import { seedHost, seedIdentity, systemIdentityOf } from './helpers/seed.ts'

type Claims = Record<string, string>
type Outcome = { ok: true; claims: Claims } | { ok: false; name: string; message: string }

describe('IMDS identity endpoint of a VM with the real ManagedIdentityCredential', () => {
  let emulator: RunningEmulator
  let shop: IdentityRecord
  let audit: IdentityRecord
  let lonely: IdentityRecord
  let vmTwo: string
  let vmOne: string
  let vmSystem: string

  const token = (hostId: string, selector: Record<string, string>) =>
    runNodeJson<Outcome>(fixture('mi-token.mjs'), [JSON.stringify(selector)], emulator.hostEnv(hostId))
  const imdsCalls = () => emulator.counters.snapshot()['imds:token'] ?? 0

  beforeAll(async () => {
    emulator = await startTestEmulator()
    shop = await seedIdentity(emulator, 'id-shop')
    audit = await seedIdentity(emulator, 'id-audit')
    lonely = await seedIdentity(emulator, 'id-lonely')
    vmTwo = await seedHost(emulator, {
      kind: 'virtualMachine',
      name: 'VM-Two',
      identities: [shop.id, audit.id],
    })
    vmOne = await seedHost(emulator, { kind: 'virtualMachine', name: 'vm-one', identities: [lonely.id] })
    vmSystem = await seedHost(emulator, {
      kind: 'virtualMachine',
      name: 'vm-system',
      identities: [lonely.id],
      systemAssigned: true,
    })
  })
  afterAll(() => emulator.stop())

  it('issues a token for the identity named by client ID, with the VM as xms_az_rid', async () => {
    const result = await token(vmTwo, { clientId: shop.clientId })
    expect(result).toMatchObject({
      ok: true,
      claims: {
        aud: 'https://appconfig.azure.com',
        oid: shop.principalId,
        appid: shop.clientId,
        xms_mirid: shop.id,
        xms_az_rid: vmTwo,
      },
    })
  })

  it('issues a token for the identity named by resource ID (sent as msi_res_id)', async () => {
    const result = await token(vmTwo, {
      resourceId: audit.id.replace('/resourcegroups/', '/resourceGroups/'),
    })
    expect(result).toMatchObject({ ok: true, claims: { xms_mirid: audit.id, oid: audit.principalId } })
  })

  it('issues a token for the identity named by object ID', async () => {
    const result = await token(vmTwo, { objectId: shop.principalId })
    expect(result).toMatchObject({ ok: true, claims: { appid: shop.clientId, xms_mirid: shop.id } })
  })

  it('picks the only user-assigned identity when the request names none and there is no system-assigned one', async () => {
    const result = await token(vmOne, {})
    expect(result).toMatchObject({ ok: true, claims: { xms_mirid: lonely.id, xms_az_rid: vmOne } })
  })

  it('prefers the system-assigned identity when the request names none', async () => {
    const system = systemIdentityOf(emulator, vmSystem)
    const result = await token(vmSystem, {})
    expect(result).toMatchObject({ ok: true, claims: { oid: system.principalId, xms_mirid: vmSystem } })
  })

  it('refuses to guess between several user-assigned identities', async () => {
    const result = await token(vmTwo, {})
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('cannot pick one') })
  })

  it('fails fast, with one request and "Identity not found", for an identity not attached to the VM', async () => {
    const before = imdsCalls()
    const result = await token(vmTwo, { resourceId: lonely.id })
    expect(result).toMatchObject({ ok: false, name: 'CredentialUnavailableError' })
    if (result.ok) return
    expect(result.message).toContain('Identity not found')
    expect(result.message).toContain("virtual machine 'VM-Two'")
    expect(imdsCalls() - before).toBe(1)
  })
})
