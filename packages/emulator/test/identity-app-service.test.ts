import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../src/index.ts'
import type { IdentityRecord } from '../src/state/model.ts'
import { fixture, runNodeJson } from './helpers/child.ts'
import { startTestEmulator } from './helpers/emulator.ts'
import { seedHost, seedIdentity, systemIdentityOf } from './helpers/seed.ts'

type Claims = Record<string, string>
type Outcome = { ok: true; claims: Claims } | { ok: false; name: string; message: string }

describe('App Service / Container Apps identity endpoint with the real ManagedIdentityCredential', () => {
  let emulator: RunningEmulator
  let shop: IdentityRecord
  let audit: IdentityRecord
  let stranger: IdentityRecord
  let siteId: string
  let appId: string

  const token = (hostId: string, selector: Record<string, string>) =>
    runNodeJson<Outcome>(fixture('mi-token.mjs'), [JSON.stringify(selector)], emulator.hostEnv(hostId))
  const msiCalls = () => emulator.counters.snapshot()['msi:token'] ?? 0

  beforeAll(async () => {
    emulator = await startTestEmulator()
    shop = await seedIdentity(emulator, 'id-shop')
    audit = await seedIdentity(emulator, 'id-audit')
    stranger = await seedIdentity(emulator, 'id-stranger')
    siteId = await seedHost(emulator, { kind: 'site', name: 'web-shop', identities: [shop.id, audit.id] })
    appId = await seedHost(emulator, {
      kind: 'containerApp',
      name: 'ca-shop',
      identities: [shop.id],
      systemAssigned: true,
    })
  })
  afterAll(() => emulator.stop())

  it('issues a web app a token for the identity named by client ID, with the real claim set', async () => {
    const result = await token(siteId, { clientId: shop.clientId })
    expect(result).toMatchObject({
      ok: true,
      claims: {
        aud: 'https://appconfig.azure.com',
        iss: `https://sts.windows.net/${emulator.tenantId}/`,
        tid: emulator.tenantId,
        oid: shop.principalId,
        sub: shop.principalId,
        appid: shop.clientId,
        idtyp: 'app',
        xms_mirid: shop.id,
        xms_az_rid: siteId,
      },
    })
  })

  it('issues a token for the identity named by resource ID, whatever the casing of resourceGroups', async () => {
    const upperCased = shop.id.replace('/resourcegroups/', '/resourceGroups/')
    const result = await token(siteId, { resourceId: upperCased })
    expect(result).toMatchObject({ ok: true, claims: { xms_mirid: shop.id, oid: shop.principalId } })
  })

  it('issues a token for the identity named by object ID', async () => {
    const result = await token(siteId, { objectId: audit.principalId })
    expect(result).toMatchObject({ ok: true, claims: { xms_mirid: audit.id, appid: audit.clientId } })
  })

  it('serves container apps over the same protocol, with the app as xms_az_rid', async () => {
    const result = await token(appId, { resourceId: shop.id })
    expect(result).toMatchObject({ ok: true, claims: { xms_mirid: shop.id, xms_az_rid: appId } })
  })

  it('gives a container app its system-assigned identity when the request names none', async () => {
    const system = systemIdentityOf(emulator, appId)
    const result = await token(appId, {})
    expect(result).toMatchObject({
      ok: true,
      claims: { oid: system.principalId, appid: system.clientId, xms_mirid: appId },
    })
  })

  it('refuses a request that names no identity when only user-assigned ones are attached, as Azure does', async () => {
    const result = await token(siteId, {})
    expect(result.ok).toBe(false)
    expect(result).toMatchObject({
      message: expect.stringMatching(/Unable to load the proper Managed Identity/),
    })
  })

  it('fails fast, with one request and a message naming the identifier, for an identity not attached to the host', async () => {
    const before = msiCalls()
    const result = await token(siteId, { clientId: stranger.clientId })
    expect(result).toMatchObject({ ok: false, name: 'CredentialUnavailableError' })
    if (result.ok) return
    expect(result.message).toContain('Identity not found')
    expect(result.message).toContain(stranger.clientId)
    expect(result.message).toContain("web app 'web-shop'")
    expect(msiCalls() - before).toBe(1)
  })

  it('refuses an identity attached to another host (tokens follow the attachment, not the identity)', async () => {
    const result = await token(appId, { clientId: audit.clientId })
    expect(result).toMatchObject({ ok: false })
  })
})
