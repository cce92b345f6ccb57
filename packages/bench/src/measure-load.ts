import { performance } from 'node:perf_hooks'
import type { RunningEmulator } from '@uami/emulator'
import { type LocalAzure, MESSAGE_KEY } from '@uami/sample-testing'
import { provisionBenchSample, sampleEnvironment } from './bench-sample.js'
import { runLoad } from './load-run.js'
import type { BenchContext, Measurement } from './measurement.js'
import type { Metric } from './metric.js'
import { type BenchSample, benchSamples } from './repo.js'
import { startSample, status } from './sample-process.js'
import { round } from './stats.js'

/** A short refresh interval, so refresh ticks happen during the load and can be told apart from request traffic. */
export const LOAD_REFRESH_SECONDS = 1

/** The routes loaded, with the `Accept` header a client would send. */
const ROUTES = [
  {
    name: 'GET /config/:key',
    path: `/config/${encodeURIComponent(MESSAGE_KEY)}`,
    accept: 'application/json',
  },
  { name: 'GET /identity', path: '/identity', accept: 'application/json' },
  { name: 'GET / (HTML)', path: '/', accept: 'text/html' },
] as const

/** Requests the emulator counted per endpoint during one load run. */
interface Traffic {
  /** Identity-endpoint token requests (`msi` + `imds`). */
  readonly tokens: number
  readonly appConfiguration: number
  /** Refresh ticks that fit into the window: ⌊elapsed / interval⌋ + 1 (one sentinel request each). */
  readonly allowedTicks: number
}

/**
 * Request path: autocannon against `/config/<key>`, `/identity` and `/` of each built sample (a 1 s warm-up, then
 * the measured run), with the emulator's request counters read before and after each route's runs — and around
 * the start, which shows the counting works: the start asks the identity endpoint for its one token. Targets: no
 * failed request; no identity-endpoint token request during the load (tokens come from the SDK cache); App
 * Configuration requests no more than the refresh ticks (independent of the request count).
 */
export const loadMeasurement: Measurement = {
  id: 'load',
  title: 'Request path (autocannon) and token caching',
  async run(context) {
    const local = await context.localAzure()
    const metrics: Metric[] = []
    for (const sample of benchSamples()) metrics.push(...(await loadSample(context, local, sample)))
    return metrics
  },
}

async function loadSample(context: BenchContext, local: LocalAzure, sample: BenchSample): Promise<Metric[]> {
  const durationSeconds = context.quick ? 2 : 5
  const warmUpSeconds = 1
  const connections = 20
  const provisioned = await provisionBenchSample(local, sample, 'load')
  const env = sampleEnvironment(local, sample, provisioned, LOAD_REFRESH_SECONDS)
  const { result: server, traffic: atStart } = await countTraffic(local.emulator, () =>
    startSample({ dir: sample.dir, entry: 'dist/server.js', env, registry: context.registry }),
  )
  const metrics: Metric[] = []
  const total = { failed: 0, tokens: 0, appConfiguration: 0, allowedTicks: 0, requests: 0 }
  try {
    for (const route of ROUTES) {
      const url = `${server.url}${route.path}`
      const answer = await status(url, { accept: route.accept })
      if (answer !== 200)
        throw new Error(`${sample.def.id} answered ${answer} to ${route.name} before the load.`)
      context.progress(
        `  ${sample.def.id} ${route.name}: ${warmUpSeconds} s warm-up, then ${durationSeconds} s, ${connections} connections`,
      )
      const load = { url, headers: { accept: route.accept }, connections }
      const { result, traffic } = await countTraffic(local.emulator, async () => {
        const warmUp = await runLoad({ ...load, durationSeconds: warmUpSeconds })
        return { ...(await runLoad({ ...load, durationSeconds })), warmUpFailed: warmUp.failed }
      })
      total.failed += result.failed + result.warmUpFailed
      total.tokens += traffic.tokens
      total.appConfiguration += traffic.appConfiguration
      total.allowedTicks += traffic.allowedTicks
      total.requests += result.requests
      metrics.push({
        id: `load.${sample.def.id}.${route.path === '/' ? 'home' : route.path.split('/')[1]}`,
        label: `load ${sample.def.id}, ${route.name}`,
        value: round(result.requestsPerSecond, 0),
        unit: 'req/s',
        figures: { p50: result.p50, p99: result.p99, requests: result.requests, failed: result.failed },
      })
    }
  } finally {
    await server.stop()
  }
  const of = `during ${total.requests.toLocaleString('en-US')} requests`
  metrics.push(
    {
      id: `load.${sample.def.id}.failed`,
      label: `load ${sample.def.id}: non-2xx responses and errors`,
      value: total.failed,
      unit: 'count',
      target: { op: '=', limit: 0 },
    },
    {
      id: `load.${sample.def.id}.token-requests`,
      label: `load ${sample.def.id}: identity-endpoint token requests ${of}`,
      value: total.tokens,
      unit: 'count',
      target: { op: '=', limit: 0, source: 'DESIGN: one identity-endpoint call per token lifetime' },
      figures: { atStart: atStart.tokens },
    },
    {
      id: `load.${sample.def.id}.app-configuration-requests`,
      label: `load ${sample.def.id}: App Configuration requests ${of}`,
      value: total.appConfiguration,
      unit: 'count',
      target: { op: '<=', limit: total.allowedTicks, source: 'issue 4: no network call on the request path' },
      figures: { allowed: total.allowedTicks },
    },
  )
  return metrics
}

async function countTraffic<T>(
  emulator: RunningEmulator,
  load: () => Promise<T>,
): Promise<{ result: T; traffic: Traffic }> {
  const before = emulator.counters.snapshot()
  const started = performance.now()
  const result = await load()
  const elapsedMs = performance.now() - started
  const after = emulator.counters.snapshot()
  const delta = (key: string) => (after[key] ?? 0) - (before[key] ?? 0)
  return {
    result,
    traffic: {
      tokens: delta('msi') + delta('imds'),
      appConfiguration: delta('appconfig'),
      allowedTicks: Math.floor(elapsedMs / (LOAD_REFRESH_SECONDS * 1000)) + 1,
    },
  }
}
