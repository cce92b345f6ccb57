import { performance } from 'node:perf_hooks'
import type { RunningEmulator } from '@uami/emulator'
import { type LocalAzure, MESSAGE_KEY } from '@uami/sample-testing'
import { type BaselineRoute, startBaseline } from './baseline.js'
import { provisionBenchSample, sampleEnvironment } from './bench-sample.js'
import { type LoadResult, runLoad } from './load-run.js'
import type { BenchContext, Measurement } from './measurement.js'
import type { Metric, Target } from './metric.js'
import { cpuTimeMs } from './process-cpu.js'
import { type BenchSample, benchSamples } from './repo.js'
import { fetchResponse, type ReadySample, startSample } from './sample-process.js'
import { max, median, min, round } from './stats.js'

/** A short refresh interval, so refresh ticks happen during the load and can be told apart from request traffic. */
export const LOAD_REFRESH_SECONDS = 1

/** The routes loaded, with the Fastify route the baseline registers and the `Accept` header a client would send. */
const ROUTES = [
  {
    name: 'GET /config/:key',
    id: 'config',
    route: '/config/:key',
    path: `/config/${encodeURIComponent(MESSAGE_KEY)}`,
    accept: 'application/json',
  },
  {
    name: 'GET /identity',
    id: 'identity',
    route: '/identity',
    path: '/identity',
    accept: 'application/json',
  },
  { name: 'GET / (HTML)', id: 'home', route: '/', path: '/', accept: 'text/html' },
] as const

type LoadRoute = (typeof ROUTES)[number]

/**
 * The target for the request path: the sample's `/config/:key` serves at least 90 % of what a bare Fastify
 * route answering the same bytes serves, both in their default configuration, measured in the same run.
 */
export const CONFIG_RATIO_TARGET: Target = { op: '>=', limit: 0.9, source: 'issue 9: ≥ 0.90 of bare Fastify' }

/** Requests the emulator counted per endpoint during one load run. */
interface Traffic {
  /** Identity-endpoint token requests (`msi` + `imds`). */
  readonly tokens: number
  readonly appConfiguration: number
  /** Refresh ticks that fit into the window: ⌊elapsed / interval⌋ + 1 (one sentinel request each). */
  readonly allowedTicks: number
}

/** How long and how often each server is loaded. */
interface Plan {
  readonly warmUpSeconds: number
  readonly rounds: number
  readonly secondsPerRound: number
  readonly connections: number
}

/**
 * Request path: autocannon against `/config/<key>`, `/identity` and `/` of each built sample and, alternating
 * with it round by round, against a bare Fastify server answering the same bytes on the same route (and, for
 * `/config/:key`, one with Fastify's default request logging, for information). The ratio sample ÷ bare of each
 * round cancels what the machine's load does to both; the median of the rounds is judged, their range shown. The
 * emulator's request counters are read around each route's runs — and around the start, which shows the counting
 * works: the start asks the identity endpoint for its one token. Targets: `/config/:key` ≥ 0.90 of bare; no failed
 * request; no identity-endpoint token request during the load (tokens come from the SDK cache); App Configuration
 * requests no more than the refresh ticks (independent of the request count).
 */
export const loadMeasurement: Measurement = {
  id: 'load',
  title: 'Request path (autocannon, alternating with bare Fastify) and token caching',
  async run(context) {
    const local = await context.localAzure()
    const metrics: Metric[] = []
    for (const sample of benchSamples()) metrics.push(...(await loadSample(context, local, sample)))
    return metrics
  },
}

async function loadSample(context: BenchContext, local: LocalAzure, sample: BenchSample): Promise<Metric[]> {
  const plan: Plan = context.quick
    ? { warmUpSeconds: 1, rounds: 1, secondsPerRound: 1, connections: 20 }
    : { warmUpSeconds: 1, rounds: 3, secondsPerRound: 3, connections: 20 }
  const provisioned = await provisionBenchSample(local, sample, 'load')
  const env = sampleEnvironment(local, sample, provisioned, LOAD_REFRESH_SECONDS)
  const { result: server, traffic: atStart } = await countTraffic(local.emulator, () =>
    startSample({ dir: sample.dir, entry: 'dist/server.js', env, registry: context.registry }),
  )
  const servers: ReadySample[] = [server]
  const metrics: Metric[] = []
  const total = { failed: 0, tokens: 0, appConfiguration: 0, allowedTicks: 0, requests: 0 }
  try {
    const routes = await sampleResponses(server, sample)
    const bare = await startBaseline({ routes, registry: context.registry })
    servers.push(bare)
    const logged = await startBaseline({ routes, logger: true, registry: context.registry })
    servers.push(logged)
    for (const route of ROUTES) {
      const candidates: Candidate[] = [
        { name: 'sample', url: `${server.url}${route.path}`, pid: server.pid },
        { name: 'bare', url: `${bare.url}${route.path}`, pid: bare.pid },
        ...(route.id === 'config'
          ? [{ name: 'logged' as const, url: `${logged.url}${route.path}`, pid: logged.pid }]
          : []),
      ]
      context.progress(
        `  ${sample.def.id} ${route.name}: ${plan.rounds} × ${plan.secondsPerRound} s each for ${candidates.map((c) => c.name).join(', ')}, ${plan.connections} connections`,
      )
      const { result: runs, traffic } = await countTraffic(local.emulator, () =>
        alternate(candidates, route, plan),
      )
      const sampleRuns = runs.sample
      total.failed += sampleRuns.reduce((sum, run) => sum + run.failed, 0) + runs.warmUpFailed
      total.tokens += traffic.tokens
      total.appConfiguration += traffic.appConfiguration
      total.allowedTicks += traffic.allowedTicks
      total.requests += sampleRuns.reduce((sum, run) => sum + run.requests, 0)
      metrics.push(...routeMetrics(sample, route, runs, plan))
    }
  } finally {
    await Promise.all(servers.map((started) => started.stop()))
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

/** What the sample answered on each route: the baseline answers the same bytes with the same content type. */
async function sampleResponses(server: ReadySample, sample: BenchSample): Promise<BaselineRoute[]> {
  const routes: BaselineRoute[] = []
  for (const route of ROUTES) {
    const answer = await fetchResponse(`${server.url}${route.path}`, { accept: route.accept })
    if (answer.status !== 200) {
      throw new Error(`${sample.def.id} answered ${answer.status} to ${route.name} before the load.`)
    }
    routes.push({ route: route.route, path: route.path, contentType: answer.contentType, body: answer.body })
  }
  return routes
}

interface Candidate {
  readonly name: 'sample' | 'bare' | 'logged'
  readonly url: string
  readonly pid: number
}

/** A load run with the CPU time the server used per response (µs), from `/proc` (`undefined` elsewhere). */
type MeasuredRun = LoadResult & { readonly cpuUsPerRequest: number | undefined }

type Runs = Record<Candidate['name'], MeasuredRun[]> & { warmUpFailed: number }

/**
 * Warms each server up, then loads them in turn, round after round, so that a change in the machine's load
 * affects all of them alike. Fails when a baseline answers anything but 2xx: its figure would mean nothing.
 */
async function alternate(candidates: readonly Candidate[], route: LoadRoute, plan: Plan): Promise<Runs> {
  const runs: Runs = { sample: [], bare: [], logged: [], warmUpFailed: 0 }
  const load = (url: string, durationSeconds: number) =>
    runLoad({ url, headers: { accept: route.accept }, connections: plan.connections, durationSeconds })
  for (const candidate of candidates) {
    const warmUp = await load(candidate.url, plan.warmUpSeconds)
    if (candidate.name === 'sample') runs.warmUpFailed += warmUp.failed
  }
  for (let round = 0; round < plan.rounds; round++) {
    for (const candidate of candidates) {
      const cpuBefore = await cpuTimeMs(candidate.pid)
      const result = await load(candidate.url, plan.secondsPerRound)
      const cpuAfter = await cpuTimeMs(candidate.pid)
      if (candidate.name !== 'sample' && result.failed > 0) {
        throw new Error(`The ${candidate.name} baseline failed ${result.failed} requests on ${route.name}.`)
      }
      const cpuUsPerRequest =
        cpuBefore === undefined || cpuAfter === undefined || result.requests === 0
          ? undefined
          : ((cpuAfter - cpuBefore) * 1000) / result.requests
      runs[candidate.name].push({ ...result, cpuUsPerRequest })
    }
  }
  return runs
}

function routeMetrics(sample: BenchSample, route: LoadRoute, runs: Runs, plan: Plan): Metric[] {
  const rps = (results: readonly LoadResult[]) => results.map((result) => result.requestsPerSecond)
  const cpu = (results: readonly MeasuredRun[]) =>
    results.flatMap((result) => (result.cpuUsPerRequest === undefined ? [] : [result.cpuUsPerRequest]))
  const sampleRps = rps(runs.sample)
  const metrics: Metric[] = [
    {
      id: `load.${sample.def.id}.${route.id}`,
      label: `load ${sample.def.id}, ${route.name} (median of ${plan.rounds})`,
      value: round(median(sampleRps), 0),
      unit: 'req/s',
      figures: {
        p50: median(runs.sample.map((result) => result.p50)),
        p99: median(runs.sample.map((result) => result.p99)),
        requests: runs.sample.reduce((sum, result) => sum + result.requests, 0),
        failed: runs.sample.reduce((sum, result) => sum + result.failed, 0),
      },
    },
    ratioMetric({
      id: `ratio.${sample.def.id}.${route.id}`,
      label: `ratio ${sample.def.id}, ${route.name} ÷ bare Fastify (same bytes)`,
      candidate: sampleRps,
      baseline: rps(runs.bare),
      ...(route.id === 'config' ? { target: CONFIG_RATIO_TARGET } : {}),
    }),
  ]
  // CPU time per response, bare ÷ sample: the throughput each could reach if the load generator (on the same
  // two CPUs) were not the limit. It does not grow when other work competes for the CPUs, unlike req/s.
  const sampleCpu = cpu(runs.sample)
  const bareCpu = cpu(runs.bare)
  if (sampleCpu.length > 0 && sampleCpu.length === bareCpu.length) {
    metrics.push({
      id: `ratio.${sample.def.id}.${route.id}.cpu`,
      label: `ratio ${sample.def.id}, ${route.name}: bare Fastify's CPU per response ÷ the sample's`,
      value: round(median(bareCpu) / median(sampleCpu), 3),
      unit: 'ratio',
      figures: { sampleCpuUs: round(median(sampleCpu), 1), bareCpuUs: round(median(bareCpu), 1) },
    })
  }
  if (runs.logged.length > 0) {
    metrics.push(
      ratioMetric({
        id: `ratio.${sample.def.id}.${route.id}.logged`,
        label: `ratio ${sample.def.id}, ${route.name} ÷ bare Fastify with request logging`,
        candidate: sampleRps,
        baseline: rps(runs.logged),
      }),
    )
  }
  return metrics
}

/** Options of {@link ratioMetric}. */
interface RatioOptions {
  readonly id: string
  readonly label: string
  /** The candidate's figure per round (req/s). */
  readonly candidate: readonly number[]
  /** The baseline's figure in the same rounds. */
  readonly baseline: readonly number[]
  readonly target?: Target
}

/**
 * A throughput ratio, candidate ÷ baseline: the median of the per-round ratios (each round loads both, one after
 * the other), with the range of the rounds and both medians as figures.
 */
function ratioMetric(options: RatioOptions): Metric {
  const ratios = options.candidate.map((value, index) => value / (options.baseline[index] ?? Number.NaN))
  return {
    id: options.id,
    label: options.label,
    value: round(median(ratios), 3),
    unit: 'ratio',
    ...(options.target === undefined ? {} : { target: options.target }),
    figures: {
      candidate: round(median(options.candidate), 0),
      baseline: round(median(options.baseline), 0),
      ratioMin: round(min(ratios), 3),
      ratioMax: round(max(ratios), 3),
      rounds: ratios.length,
    },
  }
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
