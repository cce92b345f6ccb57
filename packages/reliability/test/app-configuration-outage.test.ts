import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { seedSettings } from '@uami/provision'
import {
  getJson,
  type LocalAzure,
  MESSAGE_KEY,
  pollUntil,
  SENTINEL_KEY,
  startLocalAzure,
} from '@uami/sample-testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { count, type RunningSample, ready, SAMPLES, SampleFleet } from './helpers/samples.ts'

/**
 * Suite 2: App Configuration goes away after the samples started — first answering 503 to everything, then with
 * the whole emulator stopped (connection refused) — and comes back on the same state and ports. Every request is
 * served from the last-known-good settings, /readyz reports them stale with the reason, and refresh resumes (a
 * changed setting arrives) once the store is back.
 */

const REQUESTS_PER_PHASE = 200
const settingPath = `/config/${encodeURIComponent(MESSAGE_KEY)}`

describe('App Configuration outage after start (suite 2)', { timeout: 180_000 }, () => {
  let stateDir: string
  let local: LocalAzure
  const fleet = new SampleFleet(() => local)
  const urls = new Map<RunningSample, string>()
  const summary: string[] = []
  let served = 0
  let total = 0

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'uami-outage-'))
    local = await startLocalAzure({ stateDir })
    const running = await Promise.all(
      SAMPLES.map(async (sample) => fleet.start(sample, await fleet.provision(sample, 'out'))),
    )
    for (const sample of running) urls.set(sample, await ready(sample))
  })
  afterAll(async () => {
    await fleet.stopAll()
    await local?.emulator.stop()
    if (stateDir !== undefined) await rm(stateDir, { recursive: true, force: true })
    console.log(summary.join('\n'))
  })

  /** Waits until every sample's /readyz says `freshness`, and returns the bodies. */
  const allReport = async (freshness: 'fresh' | 'stale', code?: string) =>
    Promise.all(
      [...urls].map(([running, url]) =>
        pollUntil(
          () => getJson(`${url}/readyz`),
          (response) =>
            response.body?.settings?.freshness === freshness &&
            (code === undefined || response.body.settings.lastRefreshError?.code === code),
          { timeoutMs: 60_000, describe: () => running.child.tail() },
        ),
      ),
    )

  /** Sends {@link REQUESTS_PER_PHASE} requests for the seeded setting to every sample; counts the 200s. */
  const hammer = async (freshness: 'fresh' | 'stale', value?: (running: RunningSample) => string) => {
    let ok = 0
    await Promise.all(
      [...urls].map(async ([running, url]) => {
        const expected = value?.(running) ?? `Hello from the ${running.sample.title} sample`
        for (let i = 0; i < REQUESTS_PER_PHASE; i++) {
          const response = await getJson(`${url}${settingPath}`)
          total += 1
          if (response.status === 200 && response.body.value === expected) ok += 1
          expect(response.status, running.child.tail()).toBe(200)
          expect(response.body).toMatchObject({ value: expected, freshness })
        }
      }),
    )
    served += ok
    return ok
  }

  it('serves every request from the last-known-good settings while the store answers 503, and /readyz reports them stale with the reason', async () => {
    const rule = local.emulator.faults.inject({ endpoint: 'appconfig', status: 503 })
    const reports = await allReport('stale', 'UAMI_SAMPLE_APP_CONFIG_UNAVAILABLE')
    for (const report of reports) {
      expect(report.status).toBe(200)
      expect(report.body.status).toBe('ready')
      expect(report.body.settings.lastRefreshError.fix.length).toBeGreaterThan(0)
    }
    const ok = await hammer('stale')
    expect(local.emulator.faults.list().find((r) => r.id === rule.id)?.applied ?? 0).toBeGreaterThan(0)
    local.emulator.faults.clear({ id: rule.id })
    summary.push(
      `outage: store answering 503: ${count(ok)}/${count(urls.size * REQUESTS_PER_PHASE)} requests 200 (stale)`,
    )
  })

  it('serves every request while the emulator is stopped altogether, and /readyz says the endpoint is unreachable', async () => {
    // First fresh again, so that the next stale report is about the stopped emulator.
    await allReport('fresh')
    await local.emulator.stop()
    await allReport('stale', 'UAMI_CRED_ENDPOINT_UNREACHABLE')
    const ok = await hammer('stale')
    summary.push(
      `outage: emulator stopped: ${count(ok)}/${count(urls.size * REQUESTS_PER_PHASE)} requests 200 (stale)`,
    )
  })

  it('resumes refreshing once the emulator is back on the same state: fresh again, and a changed setting arrives', async () => {
    local = await startLocalAzure({ stateDir })
    await allReport('fresh')
    await hammer('fresh')
    await Promise.all(
      [...urls].map(([running]) =>
        seedSettings(
          { endpoint: running.provisioned.store.endpoint, credential: local.credential },
          { [MESSAGE_KEY]: `Changed for ${running.sample.name}` },
          { sentinelKey: SENTINEL_KEY },
        ),
      ),
    )
    await Promise.all(
      [...urls].map(([running, url]) =>
        pollUntil(
          () => getJson(`${url}${settingPath}`),
          (response) => response.body?.value === `Changed for ${running.sample.name}`,
          { timeoutMs: 60_000, describe: () => running.child.tail() },
        ),
      ),
    )
    const ok = await hammer('fresh', (running) => `Changed for ${running.sample.name}`)
    summary.push(
      `outage: after recovery: fresh, changed setting served, ${count(ok)}/${count(urls.size * REQUESTS_PER_PHASE)} requests 200`,
    )
  })

  it('served 100 % of the requests of every phase, and leaked no secret to the samples’ output', async () => {
    expect(served).toBe(total)
    expect(total).toBe(urls.size * REQUESTS_PER_PHASE * 4)
    await fleet.stopAll()
    expect(fleet.leaks()).toEqual([])
    summary.push(
      `outage: ${count(served)}/${count(total)} requests served in all; secrets scan of ${count(fleet.lineCount())} output lines: 0 leaks`,
    )
  })
})
