import type { FaultRuleInput } from '@uami/emulator'
import type { ProvisionedSample } from '@uami/provision'
import {
  getJson,
  type LocalAzure,
  MESSAGE_KEY,
  pollUntil,
  type SampleUnderTest,
  startLocalAzure,
} from '@uami/sample-testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { count, hostKeyOf, identityEndpointOf, ready, SAMPLES, SampleFleet } from './helpers/samples.ts'

/**
 * Suite 1: the identity endpoint's real failure modes, injected by the emulator into one host's endpoint at a time
 * (the fault names the host's key, so every scenario runs at once): 429 with Retry-After, 500, 503, a connection
 * reset and a 10 s hang — while each BUILT sample starts (it retries with bounded back-off, reports a coded error on
 * /readyz and never stops answering; it becomes ready by itself when the endpoint recovers) and while it serves (the
 * token is cached: requests and refreshes keep succeeding and no identity-endpoint request is made).
 */

type Fault = {
  readonly name: string
  readonly rule: Omit<FaultRuleInput, 'endpoint' | 'pathContains'>
  /** The code /readyz reports while the fault lasts at start-up. */
  readonly code?: string
}

const ERROR_FAULTS: readonly Fault[] = [
  {
    name: '429 with Retry-After',
    rule: { status: 429, retryAfterSeconds: 1 },
    code: 'UAMI_CRED_IDENTITY_ENDPOINT_UNAVAILABLE',
  },
  { name: '500', rule: { status: 500 }, code: 'UAMI_CRED_IDENTITY_ENDPOINT_UNAVAILABLE' },
  { name: '503', rule: { status: 503 }, code: 'UAMI_CRED_IDENTITY_ENDPOINT_UNAVAILABLE' },
  { name: 'connection reset', rule: { reset: true }, code: 'UAMI_CRED_ENDPOINT_UNREACHABLE' },
]
const HANG: Fault = { name: '10 s hang', rule: { delayMs: 10_000 } }

const settingPath = `/config/${encodeURIComponent(MESSAGE_KEY)}`
const REQUESTS_PER_FAULT = 100

describe('identity endpoint faults (suite 1)', { timeout: 180_000 }, () => {
  let local: LocalAzure
  const fleet = new SampleFleet(() => local)
  const summary: string[] = []

  beforeAll(async () => {
    local = await startLocalAzure()
  })
  afterAll(async () => {
    await fleet.stopAll()
    await local?.emulator.stop()
    console.log(summary.join('\n'))
  })

  /** Aims `fault` at the identity endpoint of the provisioned host only. */
  const inject = (sample: SampleUnderTest, provisioned: ProvisionedSample, fault: Fault) =>
    local.emulator.faults.inject({
      ...fault.rule,
      endpoint: identityEndpointOf(sample),
      pathContains: hostKeyOf(local.emulator.hostEnv(provisioned.host.id)),
    })
  const applied = (id: number): number =>
    local.emulator.faults.list().find((rule) => rule.id === id)?.applied ?? 0

  it('at start-up: retries each failure with bounded back-off, reports a coded error on /readyz while answering /healthz, and becomes ready once the endpoint recovers', async () => {
    const scenarios = await Promise.all(
      SAMPLES.flatMap((sample) =>
        ERROR_FAULTS.map(async (fault) => {
          const provisioned = await fleet.provision(sample, 'st')
          return { sample, fault, provisioned }
        }),
      ),
    )
    const results = await Promise.all(
      scenarios.map(async ({ sample, fault, provisioned }) => {
        // The fault is in place before the process starts: its very first token request meets it.
        const rule = inject(sample, provisioned, fault)
        const probe = fleet.start(sample, provisioned)
        const url = await probe.child.listening(60_000)
        const failed = await pollUntil(
          () => getJson(`${url}/readyz`),
          (response) => response.body?.status === 'failed',
          { timeoutMs: 90_000, describe: () => `${sample.name} / ${fault.name}\n${probe.child.tail()}` },
        )
        // Requests so far, and start attempts finished: the next attempt may be under way already.
        const requestsInFirstAttempt = applied(rule.id)
        const attempts = failed.body.attempts as number
        expect(failed.status, `${sample.name} / ${fault.name}`).toBe(503)
        expect(failed.body.error.code, `${sample.name} / ${fault.name}`).toBe(fault.code)
        expect(failed.body.error.fix.length).toBeGreaterThan(0)
        expect(failed.body.nextAttemptAt).toEqual(expect.any(String))
        // Still serving: liveness never depends on Azure; the settings route says why it cannot answer yet.
        expect((await getJson(`${url}/healthz`)).status).toBe(200)
        const setting = await getJson(`${url}${settingPath}`)
        expect(setting.status).toBe(503)
        expect(setting.body.code).toBe('UAMI_SAMPLE_NOT_READY')

        local.emulator.faults.clear({ id: rule.id })
        await ready(probe, 90_000)
        const recovered = await getJson(`${url}${settingPath}`)
        expect(recovered.status, probe.child.tail()).toBe(200)
        expect(recovered.body.value).toBe(`Hello from the ${sample.title} sample`)
        return { sample, fault, code: failed.body.error.code as string, requestsInFirstAttempt, attempts }
      }),
    )
    for (const { sample, fault, requestsInFirstAttempt, attempts } of results) {
      // The SDK retried (more than one request) and gave up (at most 5 requests per start attempt) before the
      // sample reported.
      expect(attempts, `${sample.name} / ${fault.name}`).toBeGreaterThanOrEqual(1)
      expect(requestsInFirstAttempt, `${sample.name} / ${fault.name}`).toBeGreaterThan(1)
      expect(requestsInFirstAttempt, `${sample.name} / ${fault.name}`).toBeLessThanOrEqual(5 * (attempts + 1))
    }
    for (const fault of ERROR_FAULTS) {
      const of = results.filter((result) => result.fault === fault)
      const requests = [
        ...new Set(of.map((result) => `${result.requestsInFirstAttempt}/${result.attempts}`)),
      ].join(', ')
      const codes = [...new Set(of.map((result) => result.code))].join(', ')
      summary.push(
        `identity faults: start-up, ${fault.name}: ${of.length} samples, identity requests/attempts when first failed ${requests}, reported ${codes}, ready after recovery`,
      )
    }
  })

  it('at start-up: a 10 s hang of the identity endpoint delays readiness but never the answers, and the sample becomes ready by itself', async () => {
    const results = await Promise.all(
      SAMPLES.map(async (sample) => {
        const provisioned = await fleet.provision(sample, 'hang')
        const rule = inject(sample, provisioned, HANG)
        const running = fleet.start(sample, provisioned)
        const url = await running.child.listening(60_000)
        // While the token request hangs, the process answers: alive, and not ready yet.
        await pollUntil(
          async () => applied(rule.id),
          (value) => value >= 1,
          { describe: () => running.child.tail() },
        )
        expect((await getJson(`${url}/healthz`)).status).toBe(200)
        const waiting = await getJson(`${url}/readyz`)
        expect(waiting.status).toBe(503)
        expect(waiting.body.status).toMatch(/^(starting|failed)$/)
        // The fault stays: every identity request hangs 10 s, and the sample still gets there.
        await ready(running, 120_000)
        expect((await getJson(`${url}${settingPath}`)).status).toBe(200)
        return { sample, requests: applied(rule.id) }
      }),
    )
    summary.push(
      `identity faults: start-up, 10 s hang: ${results.length} samples ready after ${results.map(({ requests }) => requests).join('/')} hanging identity request(s)`,
    )
  })

  it('while serving: with the identity endpoint failing in each way, every request and every refresh succeeds from the cached token, with no identity request made', async () => {
    const results = await Promise.all(
      SAMPLES.map(async (sample) => {
        const provisioned = await fleet.provision(sample, 'srv')
        const running = fleet.start(sample, provisioned)
        const url = await ready(running)
        let served = 0
        for (const fault of [...ERROR_FAULTS, HANG]) {
          const rule = inject(sample, provisioned, fault)
          // Two refreshes reach App Configuration during the fault (the refresh interval is 1 s).
          const before = (await getJson(`${url}/readyz`)).body.settings.lastRefreshedAt as string
          let seen = before
          let refreshes = 0
          await pollUntil(
            async () => {
              const now = (await getJson(`${url}/readyz`)).body
              if (now.settings.lastRefreshedAt !== seen) {
                seen = now.settings.lastRefreshedAt
                refreshes += 1
              }
              return now
            },
            (now) => refreshes >= 2 && now.settings.freshness === 'fresh',
            { describe: () => `${sample.name} / ${fault.name}\n${running.child.tail()}` },
          )
          for (let i = 0; i < REQUESTS_PER_FAULT; i++) {
            const response = await getJson(`${url}${settingPath}`)
            expect(response.status, `${sample.name} / ${fault.name}`).toBe(200)
            expect(response.body).toMatchObject({
              value: `Hello from the ${sample.title} sample`,
              freshness: 'fresh',
            })
            served += 1
          }
          const identity = await getJson(`${url}/identity`)
          expect(identity.status).toBe(200)
          expect(identity.body.match.matches).toBe(true)
          expect(applied(rule.id), `${sample.name} / ${fault.name}: identity requests`).toBe(0)
          local.emulator.faults.clear({ id: rule.id })
        }
        expect((await getJson(`${url}/readyz`)).status).toBe(200)
        return { sample, served }
      }),
    )
    const served = results.reduce((sum, result) => sum + result.served, 0)
    summary.push(
      `identity faults: serving through ${ERROR_FAULTS.length + 1} faults: ${results.length} samples, ${count(served)}/${count(served)} requests 200, 0 identity requests`,
    )
  })

  it('never writes a token, IDENTITY_HEADER, a client secret or an Authorization header to the samples’ output', async () => {
    await fleet.stopAll()
    expect(fleet.lineCount()).toBeGreaterThan(SAMPLES.length * 10)
    expect(fleet.leaks()).toEqual([])
    summary.push(
      `identity faults: secrets scan of ${count(fleet.lineCount())} output lines of ${fleet.all.length} sample processes: 0 leaks`,
    )
  })
})
