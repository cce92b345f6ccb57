import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ManagedServiceIdentityClient } from '@azure/arm-msi'
import { ResourceManagementClient } from '@azure/arm-resources'
import { ClientSecretCredential } from '@azure/identity'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readStateFile } from '../src/state/store.ts'
import { type CliEmulator, type ReadyInfo, startCliEmulator } from './helpers/cli.ts'
import { trustLocalCa } from './helpers/emulator.ts'

/**
 * Suite 6: control-plane durability. Real ARM clients write to an emulator running as a separate CLI process —
 * resource groups created and re-tagged, user-assigned identities created — and the process is killed with SIGKILL
 * at a seeded random point of each round, until 1,000 writes were acknowledged. After each kill the emulator starts
 * again on the same state (the file loads, no temporary file is left) and every acknowledged write is there; a
 * write in flight at the kill may or may not be.
 */

const SEED = 0x5eed_0006
const WRITES = 1_000
const WRITERS = 4
const GROUPS_PER_WRITER = 30
const LOCATION = 'westeurope'
const IDENTITY_GROUP = 'rg-durable-identities'

/** mulberry32 */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Clients {
  readonly resources: ResourceManagementClient
  readonly msi: ManagedServiceIdentityClient
}

function clientsFor(info: ReadyInfo): Clients {
  const credential = new ClientSecretCredential(
    info.tenantId,
    info.developer.clientId,
    info.developer.clientSecret,
    { authorityHost: info.authorityHost, disableInstanceDiscovery: true },
  )
  const options = { endpoint: info.armEndpoint, retryOptions: { maxRetries: 0 } }
  return {
    resources: new ResourceManagementClient(credential, info.subscriptionId, options),
    msi: new ManagedServiceIdentityClient(credential, info.subscriptionId, options),
  }
}

describe('control-plane durability under kill -9 (suite 6, seed 0x5eed0006)', () => {
  let root: string
  let cli: (CliEmulator & { info: ReadyInfo }) | undefined
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'uami-arm-durability-'))
  })
  afterAll(async () => {
    await cli?.stop('SIGKILL')
    await rm(root, { recursive: true, force: true })
  })

  it(`keeps every one of ${WRITES.toLocaleString('en-US')} acknowledged ARM writes across kills at random points`, async () => {
    const stateDir = join(root, 'state')
    const random = prng(SEED)
    /** Resource group → the tag `seq` of its last acknowledged write; identities acknowledged. */
    const groups = new Map<string, number>()
    const identities = new Set<string>()
    /** What was in flight when the process died (may or may not have been stored). */
    const maybeGroups = new Map<string, number>()
    const maybeIdentities = new Set<string>()
    let acknowledged = 0
    let rounds = 0
    let checked = 0

    const verify = async (clients: Clients) => {
      const stored = new Map<string, number>()
      for await (const group of clients.resources.resourceGroups.list()) {
        if (group.name !== undefined && group.name !== IDENTITY_GROUP) {
          stored.set(group.name, Number(group.tags?.seq))
        }
      }
      for (const [name, seq] of groups) {
        const found = stored.get(name)
        const allowed = [seq, maybeGroups.get(name)]
        expect(allowed, `${name}: stored seq ${found}`).toContain(found)
        checked += 1
      }
      for (const name of stored.keys()) {
        expect(groups.has(name) || maybeGroups.has(name), `unexpected group ${name}`).toBe(true)
      }
      const storedIdentities = new Set<string>()
      for await (const identity of clients.msi.userAssignedIdentities.listByResourceGroup(IDENTITY_GROUP)) {
        if (identity.name !== undefined) storedIdentities.add(identity.name)
      }
      for (const name of identities) {
        expect(storedIdentities.has(name), `identity ${name} lost`).toBe(true)
        checked += 1
      }
      for (const name of storedIdentities) {
        expect(identities.has(name) || maybeIdentities.has(name), `unexpected identity ${name}`).toBe(true)
      }
      // What was in flight is settled now: it is in the state or not, and stays so.
      for (const [name, seq] of maybeGroups) if (stored.get(name) === seq) groups.set(name, seq)
      for (const name of maybeIdentities) if (storedIdentities.has(name)) identities.add(name)
      maybeGroups.clear()
      maybeIdentities.clear()
    }

    while (acknowledged < WRITES) {
      rounds += 1
      cli = await startCliEmulator(['--state', stateDir])
      trustLocalCa(cli.info.caCertPath)
      expect((await readdir(stateDir)).filter((name) => name.endsWith('.tmp'))).toEqual([])
      const clients = clientsFor(cli.info)
      if (rounds === 1) {
        await clients.resources.resourceGroups.createOrUpdate(IDENTITY_GROUP, { location: LOCATION })
      } else {
        await verify(clients)
      }

      const killAfter = acknowledged + 150 + Math.floor(random() * 250)
      const jitterMs = Math.floor(random() * 15)
      let killed = false
      let scheduled = false
      const writer = async (w: number) => {
        for (let i = 0; !killed; i++) {
          const seq = rounds * 100_000 + i
          const group = random() < 0.5
          const name = group
            ? `rg-d${w}-${Math.floor(random() * GROUPS_PER_WRITER)}`
            : `id-d${w}-r${rounds}-${i}`
          if (group) maybeGroups.set(name, seq)
          else maybeIdentities.add(name)
          try {
            if (group) {
              await clients.resources.resourceGroups.createOrUpdate(name, {
                location: LOCATION,
                tags: { seq: String(seq), writer: String(w) },
              })
              groups.set(name, seq)
              maybeGroups.delete(name)
            } else {
              await clients.msi.userAssignedIdentities.createOrUpdate(IDENTITY_GROUP, name, {
                location: LOCATION,
              })
              identities.add(name)
              maybeIdentities.delete(name)
            }
            acknowledged += 1
          } catch (error) {
            if (killed) return
            throw error
          }
          if (acknowledged >= killAfter && !scheduled) {
            scheduled = true
            setTimeout(() => {
              killed = true
              cli?.child.kill('SIGKILL')
            }, jitterMs)
            // Keep writing until the kill lands: it falls at a random point of a request.
          }
        }
      }
      await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)))
      expect(await cli.exited).toMatchObject({ signal: 'SIGKILL' })
      cli = undefined
      // The file parses after every kill.
      expect(await readStateFile(stateDir)).toBeDefined()
    }

    // The last restart: everything acknowledged is there.
    cli = await startCliEmulator(['--state', stateDir])
    trustLocalCa(cli.info.caCertPath)
    await verify(clientsFor(cli.info))
    await cli.stop()
    cli = undefined
    expect(acknowledged).toBeGreaterThanOrEqual(WRITES)
    console.log(
      `durability: ${acknowledged.toLocaleString('en-US')} acknowledged ARM writes, ${rounds} kill -9 rounds, ${checked.toLocaleString('en-US')} checks after restarts, 0 lost`,
    )
  }, 180_000)
})
