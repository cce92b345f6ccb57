import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ensureResourceGroup,
  getSignedInPrincipal,
  InvalidOptionError,
  signInAsDeveloper,
} from '../src/index.ts'
import { startTestBed, type TestBed } from './helpers/emulator.ts'

let bed: TestBed
beforeAll(async () => {
  bed = await startTestBed()
})
afterAll(async () => {
  await bed?.emulator.stop()
})

describe('signInAsDeveloper', () => {
  it("signs in as the emulator's developer principal, with ARM clients for the local subscription", async () => {
    const { credential, clients } = signInAsDeveloper(bed.emulator)
    expect(clients).toMatchObject({
      subscriptionId: bed.emulator.subscriptionId,
      endpoint: bed.emulator.armEndpoint,
      pollIntervalMs: undefined,
    })
    const principal = await getSignedInPrincipal(credential)
    expect(principal).toMatchObject({
      objectId: bed.emulator.developer.objectId,
      tenantId: bed.emulator.tenantId,
    })
    const group = await ensureResourceGroup(clients, { name: 'rg-sign-in', location: 'westeurope' })
    expect(group).toMatchObject({ name: 'rg-sign-in', created: true })
  })

  it('refuses an ARM endpoint that is not https before any request is sent', () => {
    expect(() => signInAsDeveloper({ ...bed.emulator, armEndpoint: 'http://127.0.0.1:9' })).toThrow(
      InvalidOptionError,
    )
  })
})
