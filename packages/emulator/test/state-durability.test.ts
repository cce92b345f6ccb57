import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AppConfigurationClient } from '@azure/app-configuration'
import { ClientSecretCredential } from '@azure/identity'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../src/index.ts'
import { normalizeId } from '../src/resource-id.ts'
import { kvKey } from '../src/state/model.ts'
import { readStateFile } from '../src/state/store.ts'
import { startCliEmulator } from './helpers/cli.ts'
import { trustLocalCa } from './helpers/emulator.ts'
import { seedStore } from './helpers/seed.ts'

/**
 * The durability promise: a write the emulator acknowledged survives `kill -9`, and the state file is never torn.
 * Writes are real App Configuration PUTs from the SDK to an emulator running as a separate CLI process.
 */
describe('state durability under kill -9', () => {
  let root: string
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'uami-durability-'))
  })
  afterAll(() => rm(root, { recursive: true, force: true }))

  it('keeps every acknowledged write and a parseable state file when the process is killed mid-stream', async () => {
    const stateDir = join(root, 'state')
    // Prepare a store the developer owns, then hand the state to a CLI process.
    const seeding = await startEmulator({ stateDir })
    const store = await seedStore(seeding, 'store-durable', { dataOwner: seeding.developer.objectId })
    await seeding.stop()

    const cli = await startCliEmulator(['--state', stateDir])
    trustLocalCa(cli.info.caCertPath)
    const endpoint = (await readStateFile(stateDir))?.stores[normalizeId(store.id)]?.endpoint ?? ''
    expect(endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    const credential = new ClientSecretCredential(
      cli.info.tenantId,
      cli.info.developer.clientId,
      cli.info.developer.clientSecret,
      { authorityHost: cli.info.authorityHost, disableInstanceDiscovery: true },
    )
    const client = new AppConfigurationClient(endpoint, credential, { retryOptions: { maxRetries: 0 } })

    const acknowledged = new Map<string, string>()
    let killed = false
    const writer = async (worker: number) => {
      for (let i = 0; !killed; i++) {
        const key = `durable/${worker}/${i}`
        const value = `value-${worker}-${i}`
        try {
          await client.setConfigurationSetting({ key, value })
          acknowledged.set(key, value)
        } catch {
          if (killed) return
          throw new Error(`write ${key} failed before the kill`)
        }
      }
    }
    const writers = [0, 1, 2, 3].map(writer)
    while (acknowledged.size < 40) await new Promise((resolve) => setTimeout(resolve, 5))
    killed = true
    cli.child.kill('SIGKILL')
    await Promise.all(writers)
    expect(await cli.exited).toMatchObject({ signal: 'SIGKILL' })

    // The file parses, and holds every acknowledged write.
    const data = await readStateFile(stateDir)
    const stored = data?.keyValues[normalizeId(store.id)] ?? {}
    for (const [key, value] of acknowledged) {
      expect(stored[kvKey(key, null)]?.value, key).toBe(value)
    }

    // A restart takes over the dead process's lock, cleans its temporary files and serves the same data.
    const restarted = await startEmulator({ stateDir })
    try {
      const leftovers = (await readdir(stateDir)).filter((name) => name.endsWith('.tmp'))
      expect(leftovers).toEqual([])
      const lock = await readFile(join(stateDir, 'emulator.lock'), 'utf8')
      expect(lock.trim()).toBe(String(process.pid))
      const [someKey, someValue] = [...acknowledged][acknowledged.size - 1] ?? []
      const restartedEndpoint = (await readStateFile(stateDir))?.stores[normalizeId(store.id)]?.endpoint ?? ''
      const again = new AppConfigurationClient(restartedEndpoint, credential)
      expect((await again.getConfigurationSetting({ key: someKey ?? '' })).value).toBe(someValue)
    } finally {
      await restarted.stop()
    }
  })
})
