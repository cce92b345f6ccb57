import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AppConfigurationClient } from '@azure/app-configuration'
import type { RestError } from '@azure/core-rest-pipeline'
import type { TokenCredential } from '@azure/identity'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { APP_CONFIGURATION_DATA_OWNER, type RunningEmulator } from '../src/index.ts'
import { type AppConfigArm, appConfigArm } from './helpers/appconfig-arm.ts'
import { dataPlaneFetch, SYNC_TOKEN } from './helpers/appconfig-fetch.ts'
import { developerCredential, startTestEmulator } from './helpers/emulator.ts'

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = []
  for await (const item of iterable) items.push(item)
  return items
}

describe('App Configuration store lifecycle', () => {
  it('keeps key-values, the store endpoint and role assignments across an emulator restart', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'uami-appconfig-restart-'))
    try {
      const first = await startTestEmulator({ stateDir })
      let endpoint: string
      try {
        const arm = appConfigArm(first)
        await arm.createResourceGroup('rg-restart')
        const store = await arm.createStore('rg-restart', 'appcs-restart')
        endpoint = store.endpoint
        await arm.assignRole(first.developer.objectId, APP_CONFIGURATION_DATA_OWNER, store.id)
        const client = new AppConfigurationClient(endpoint, developerCredential(first))
        await client.setConfigurationSetting({
          key: 'persist/a',
          label: 'prod',
          value: 'kept',
          tags: { t: '1' },
        })
      } finally {
        await first.stop()
      }

      const second = await startTestEmulator({ stateDir })
      try {
        const client = new AppConfigurationClient(endpoint, developerCredential(second))
        const setting = await client.getConfigurationSetting({ key: 'persist/a', label: 'prod' })
        expect(setting).toMatchObject({ value: 'kept', tags: { t: '1' } })
      } finally {
        await second.stop()
      }
    } finally {
      await rm(stateDir, { recursive: true, force: true })
    }
  })

  describe('on one emulator', () => {
    let emulator: RunningEmulator
    let arm: AppConfigArm
    let credential: TokenCredential

    beforeAll(async () => {
      emulator = await startTestEmulator()
      arm = appConfigArm(emulator)
      await arm.createResourceGroup('rg-life')
      await arm.assignRole(
        emulator.developer.objectId,
        APP_CONFIGURATION_DATA_OWNER,
        `/subscriptions/${emulator.subscriptionId}/resourceGroups/rg-life`,
      )
      credential = developerCredential(emulator)
    })
    beforeEach(() => {
      emulator.faults.clear()
      emulator.counters.reset()
    })
    afterAll(() => emulator.stop())

    it('gives each store its own origin', async () => {
      const one = await arm.createStore('rg-life', 'appcs-one')
      const two = await arm.createStore('rg-life', 'appcs-two')
      expect(new URL(one.endpoint).origin).toBe(one.endpoint)
      expect(one.endpoint).not.toBe(two.endpoint)
      await new AppConfigurationClient(one.endpoint, credential).setConfigurationSetting({
        key: 'k',
        value: '1',
      })
      await expect(
        new AppConfigurationClient(two.endpoint, credential).getConfigurationSetting({ key: 'k' }),
      ).rejects.toMatchObject({ statusCode: 404 })
    })

    it('stops serving a deleted store (connections are refused) and starts a re-created one empty', async () => {
      const store = await arm.createStore('rg-life', 'appcs-deleted')
      const client = new AppConfigurationClient(store.endpoint, credential, {
        retryOptions: { maxRetries: 0 },
      })
      await client.setConfigurationSetting({ key: 'gone/a', value: '1' })
      await arm.deleteStore('rg-life', 'appcs-deleted')
      const error = (await client
        .getConfigurationSetting({ key: 'gone/a' })
        .catch((e: unknown) => e)) as RestError
      expect(error.code).toBe('ECONNREFUSED')

      const again = await arm.createStore('rg-life', 'appcs-deleted')
      const fresh = new AppConfigurationClient(again.endpoint, credential)
      expect(await collect(fresh.listConfigurationSettings())).toEqual([])
    })

    it('stores 50 concurrent writes, each with its own etag and one sequence number', async () => {
      const store = await arm.createStore('rg-life', 'appcs-concurrent')
      const client = new AppConfigurationClient(store.endpoint, credential)
      const sequence = async () => {
        const response = await dataPlaneFetch(store.endpoint, '/kv?key=none', { credential })
        return Number(SYNC_TOKEN.exec(response.headers.get('sync-token') ?? '')?.[3])
      }
      const before = await sequence()
      const written = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          client.setConfigurationSetting({ key: `many/${i}`, value: `${i}` }),
        ),
      )
      expect(new Set(written.map((s) => s.etag)).size).toBe(50)
      const listed = await collect(client.listConfigurationSettings({ keyFilter: 'many/*' }))
      expect(listed).toHaveLength(50)
      expect(new Set(listed.map((s) => `${s.key}=${s.value}`))).toEqual(
        new Set(Array.from({ length: 50 }, (_, i) => `many/${i}=${i}`)),
      )
      expect(await sequence()).toBe(before + 50)
    })

    it('lets exactly one of several concurrent conditional updates of the same etag win', async () => {
      const store = await arm.createStore('rg-life', 'appcs-race')
      const client = new AppConfigurationClient(store.endpoint, credential)
      const original = await client.setConfigurationSetting({ key: 'race', value: 'start' })
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          client.setConfigurationSetting({ ...original, value: `writer ${i}` }, { onlyIfUnchanged: true }),
        ),
      )
      const won = results.filter((r) => r.status === 'fulfilled')
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      expect(won).toHaveLength(1)
      expect(lost.map((r) => (r.reason as RestError).statusCode)).toEqual(Array(9).fill(412))
    })

    it('has an injected 503 with Retry-After retried by the SDK, which then succeeds', async () => {
      const store = await arm.createStore('rg-life', 'appcs-faults')
      const client = new AppConfigurationClient(store.endpoint, credential)
      await client.setConfigurationSetting({ key: 'fault/a', value: 'ok' })
      emulator.counters.reset()
      emulator.faults.inject({ endpoint: 'appconfig', status: 503, retryAfterSeconds: 1, times: 1 })
      expect((await client.getConfigurationSetting({ key: 'fault/a' })).value).toBe('ok')
      expect(emulator.counters.snapshot().appconfig).toBe(2)
    })

    it('has an injected connection reset retried by the SDK, which then succeeds', async () => {
      const store = await arm.createStore('rg-life', 'appcs-reset')
      const client = new AppConfigurationClient(store.endpoint, credential)
      await client.setConfigurationSetting({ key: 'reset/a', value: 'ok' })
      emulator.counters.reset()
      emulator.faults.inject({ endpoint: 'appconfig', reset: true, times: 1 })
      expect((await client.getConfigurationSetting({ key: 'reset/a' })).value).toBe('ok')
      expect(emulator.counters.snapshot().appconfig).toBe(2)
    })
  })
})
