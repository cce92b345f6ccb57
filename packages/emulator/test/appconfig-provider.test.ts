import { setTimeout as sleep } from 'node:timers/promises'
import { AppConfigurationClient, featureFlagContentType, featureFlagPrefix } from '@azure/app-configuration'
import { load } from '@azure/app-configuration-provider'
import type { TokenCredential } from '@azure/identity'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { RequestEvent } from '../src/faults/faults.ts'
import { APP_CONFIGURATION_DATA_OWNER, type RunningEmulator } from '../src/index.ts'
import { appConfigArm } from './helpers/appconfig-arm.ts'
import { developerCredential, startTestEmulator } from './helpers/emulator.ts'

/** The provider's shortest refresh interval (`MIN_REFRESH_INTERVAL_IN_MS`). */
const REFRESH_INTERVAL_MS = 1000

/**
 * `@azure/app-configuration-provider` as the samples use it: `load()` once, then `refresh()` on demand. Replica
 * discovery is off, as it must be for a loopback endpoint (PROTOCOLS.md: it sends DNS SRV queries otherwise).
 */
describe('App Configuration provider (load and refresh)', () => {
  let emulator: RunningEmulator
  let endpoint: string
  let credential: TokenCredential
  let client: AppConfigurationClient

  beforeAll(async () => {
    emulator = await startTestEmulator()
    const arm = appConfigArm(emulator)
    await arm.createResourceGroup('rg-provider')
    const store = await arm.createStore('rg-provider', 'appcs-provider')
    await arm.assignRole(emulator.developer.objectId, APP_CONFIGURATION_DATA_OWNER, store.id)
    endpoint = store.endpoint
    credential = developerCredential(emulator)
    client = new AppConfigurationClient(endpoint, credential)
  })
  afterAll(() => emulator.stop())

  it('loads the settings without a label and picks up a change once the sentinel key changes', async () => {
    await client.setConfigurationSetting({ key: 'app/message', value: 'v1' })
    await client.setConfigurationSetting({ key: 'app/message', label: 'other', value: 'not selected' })
    await client.setConfigurationSetting({ key: 'app/color', value: 'blue' })
    await client.setConfigurationSetting({ key: 'sentinel', value: '1' })

    const settings = await load(endpoint, credential, {
      replicaDiscoveryEnabled: false,
      selectors: [{ keyFilter: 'app/*' }],
      refreshOptions: {
        enabled: true,
        refreshIntervalInMs: REFRESH_INTERVAL_MS,
        watchedSettings: [{ key: 'sentinel' }],
      },
    })
    expect(settings.get('app/message')).toBe('v1')
    expect(settings.get('app/color')).toBe('blue')

    // A change without the sentinel is not seen: the provider only re-reads the sentinel (304 here).
    await client.setConfigurationSetting({ key: 'app/color', value: 'green' })
    await sleep(REFRESH_INTERVAL_MS + 200)
    await settings.refresh()
    expect(settings.get('app/color')).toBe('blue')

    await client.setConfigurationSetting({ key: 'app/message', value: 'v2' })
    await client.setConfigurationSetting({ key: 'sentinel', value: '2' })
    await vi.waitFor(
      async () => {
        await settings.refresh()
        expect(settings.get('app/message')).toBe('v2')
      },
      { timeout: 30_000, interval: 300 },
    )
    expect(settings.get('app/color')).toBe('green')
  })

  it('loads feature flags stored as .appconfig.featureflag/ key-values', async () => {
    await client.setConfigurationSetting({
      key: `${featureFlagPrefix}Beta`,
      contentType: featureFlagContentType,
      value: JSON.stringify({ id: 'Beta', enabled: true, conditions: { client_filters: [] } }),
    })
    const settings = await load(endpoint, credential, {
      replicaDiscoveryEnabled: false,
      selectors: [{ keyFilter: 'none/*' }],
      featureFlagOptions: { enabled: true, selectors: [{ keyFilter: 'Beta' }] },
    })
    expect(settings.get('feature_management')).toEqual({
      feature_flags: [{ id: 'Beta', enabled: true, conditions: { client_filters: [] } }],
    })
  })

  describe('watch-all refresh (page etags)', () => {
    beforeAll(() => {
      emulator.settings.appConfigPageSize = 2
    })
    afterAll(() => {
      delete emulator.settings.appConfigPageSize
    })

    it('answers unchanged pages with 304 and reloads when a setting on any page changes', async () => {
      for (const name of ['a', 'b', 'c', 'd', 'e']) {
        await client.setConfigurationSetting({ key: `all/${name}`, value: `${name}1` })
      }
      const settings = await load(endpoint, credential, {
        replicaDiscoveryEnabled: false,
        selectors: [{ keyFilter: 'all/*' }],
        refreshOptions: { enabled: true, refreshIntervalInMs: REFRESH_INTERVAL_MS },
      })
      expect(settings.get('all/e')).toBe('e1')

      await sleep(REFRESH_INTERVAL_MS + 200)
      const seen: RequestEvent[] = []
      const stop = emulator.counters.observe((event) => {
        if (event.endpoint === 'appconfig' && event.path === '/kv') seen.push(event)
      })
      try {
        await settings.refresh()
        // Three pages checked with their etags, each unchanged (observers run once each answer is sent).
        await vi.waitFor(() => expect(seen.map((event) => event.status)).toEqual([304, 304, 304]))
      } finally {
        stop()
      }

      await client.setConfigurationSetting({ key: 'all/e', value: 'e2' })
      await vi.waitFor(
        async () => {
          await settings.refresh()
          expect(settings.get('all/e')).toBe('e2')
        },
        { timeout: 30_000, interval: 300 },
      )
    })
  })
})
