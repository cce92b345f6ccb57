import { spawnSync } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { contextOf } from '../src/emulator.ts'
import { StateFileError, StateInUseError, startEmulator } from '../src/index.ts'
import { normalizeId } from '../src/resource-id.ts'
import { readStateFile, StateStore } from '../src/state/store.ts'
import { seedHost, seedIdentity, seedStore } from './helpers/seed.ts'

/** A pid that certainly belongs to no running process: one that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
  return Number(child.stdout.toString())
}

describe('StateStore', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'uami-state-'))
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  it('resolves an update only once the document on disk contains it', async () => {
    const store = await StateStore.open(dir)
    await store.update((draft) => {
      draft.subscriptionName = 'written'
    })
    expect(JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')).subscriptionName).toBe('written')
  })

  it('serialises concurrent updates so none is lost', async () => {
    const store = await StateStore.open(dir)
    await Promise.all(Array.from({ length: 50 }, () => store.update((draft) => void draft.sequence++)))
    expect(store.data.sequence).toBe(50)
    expect((await readStateFile(dir))?.sequence).toBe(50)
  })

  it('changes nothing, in memory or on disk, when a mutation throws', async () => {
    const store = await StateStore.open(dir)
    const before = await readFile(join(dir, 'state.json'), 'utf8')
    await expect(
      store.update((draft) => {
        draft.sequence = 99
        throw new Error('refused')
      }),
    ).rejects.toThrow('refused')
    expect(store.data.sequence).toBe(0)
    expect(await readFile(join(dir, 'state.json'), 'utf8')).toBe(before)
  })

  it('refuses a corrupt or foreign file with StateFileError and leaves it untouched', async () => {
    for (const text of ['{not json', '{"hello":"world"}']) {
      await writeFile(join(dir, 'state.json'), text)
      await expect(StateStore.open(dir)).rejects.toThrow(StateFileError)
      await expect(StateStore.open(dir)).rejects.toMatchObject({ code: 'UAMI_EMU_STATE_UNREADABLE' })
      expect(await readFile(join(dir, 'state.json'), 'utf8')).toBe(text)
    }
  })

  it('reads state without creating any file when there is none', async () => {
    expect(await readStateFile(dir)).toBeUndefined()
    expect(await readdir(dir)).toEqual([])
  })

  it('removes temporary files a dead process left mid-write, and keeps those of live ones', async () => {
    const dead = `.state.json.${deadPid()}.1.tmp`
    const live = `.state.json.${process.pid}.7.tmp`
    await writeFile(join(dir, dead), '{"torn')
    await writeFile(join(dir, live), '{"in flight')
    await StateStore.open(dir)
    const names = await readdir(dir)
    expect(names).not.toContain(dead)
    expect(names).toContain(live)
  })
})

describe('startEmulator state directory', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'uami-state-'))
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  it('keeps identities, hosts, stores and role assignments (with their IDs and secrets) across a restart', async () => {
    const first = await startEmulator({ stateDir: dir })
    const identity = await seedIdentity(first, 'id-keep')
    const site = await seedHost(first, { kind: 'site', name: 'web-keep', identities: [identity.id] })
    await seedStore(first, 'store-keep', { dataOwner: identity.principalId })
    const before = structuredClone(contextOf(first).state.data)
    const env = first.hostEnv(site)
    await first.stop()

    const second = await startEmulator({ stateDir: dir })
    try {
      const after = contextOf(second).state.data
      expect(after.identities[normalizeId(identity.id)]).toEqual(identity)
      expect(after.roleAssignments).toEqual(before.roleAssignments)
      expect(after.hosts).toEqual(before.hosts)
      expect(after.developer).toEqual(before.developer)
      expect(second.hostEnv(site).IDENTITY_HEADER).toBe(env.IDENTITY_HEADER)
      expect(second.tenantId).toBe(first.tenantId)
    } finally {
      await second.stop()
    }
  })

  it('refuses a second emulator on a state directory in use, and releases it on stop', async () => {
    const first = await startEmulator({ stateDir: dir })
    await expect(startEmulator({ stateDir: dir })).rejects.toThrow(StateInUseError)
    await expect(startEmulator({ stateDir: dir })).rejects.toMatchObject({
      code: 'UAMI_EMU_STATE_IN_USE',
      pid: process.pid,
    })
    await first.stop()
    const second = await startEmulator({ stateDir: dir })
    await second.stop()
  })

  it('takes over a lock left by a process that died', async () => {
    await writeFile(join(dir, 'emulator.lock'), `${deadPid()}\n`)
    const emulator = await startEmulator({ stateDir: dir })
    expect((await readFile(join(dir, 'emulator.lock'), 'utf8')).trim()).toBe(String(process.pid))
    await emulator.stop()
    expect(await readdir(dir)).not.toContain('emulator.lock')
  })

  it('deletes a temporary state directory on stop, and keeps an explicit one', async () => {
    const temporary = await startEmulator()
    await temporary.stop()
    await expect(readdir(temporary.stateDir)).rejects.toMatchObject({ code: 'ENOENT' })
    const explicit = await startEmulator({ stateDir: dir })
    await explicit.stop()
    expect(await readdir(dir)).toContain('state.json')
  })
})
