import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { request as httpsRequest } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { startEmulator } from '@uami/emulator'
import { MESSAGE_KEY, startLocalAzure } from '@uami/sample-testing'
import { provisionBenchSample } from './bench-sample.js'
import { type LoadResult, runLoad } from './load-run.js'
import type { BenchContext, Measurement } from './measurement.js'
import type { Metric, Target } from './metric.js'
import { benchSamples } from './repo.js'
import { fetchResponse } from './sample-process.js'
import { max, median, round } from './stats.js'

/**
 * The target for the emulator: its token endpoint and App Configuration GETs each serve at least 5,000
 * requests per second, so that the emulator is never what limits a sample's or a test's throughput.
 */
export const EMULATOR_THROUGHPUT_TARGET: Target = { op: '>=', limit: 5000, source: 'issue 9' }

/**
 * Emulator: `startEmulator()` on a fresh state directory (CA, keys, state created) and on an existing one
 * (informational), and the throughput of the App Service token endpoint with a valid `X-IDENTITY-HEADER` and of
 * App Configuration `GET /kv/{key}` with a bearer token from that endpoint (each ≥ 5,000 req/s).
 */
export const emulatorMeasurement: Measurement = {
  id: 'emulator',
  title: 'Emulator start, token endpoint and App Configuration GETs',
  async run(context) {
    const runs = context.quick ? 2 : 5
    return [...(await startTimes(context, runs)), ...(await throughput(context))]
  },
}

async function startTimes(context: BenchContext, runs: number): Promise<Metric[]> {
  const fresh: number[] = []
  for (let run = 0; run < runs; run++) {
    const started = performance.now()
    const emulator = await startEmulator()
    fresh.push(performance.now() - started)
    await emulator.stop()
  }
  const stateDir = await mkdtemp(join(tmpdir(), 'uami-bench-emulator-'))
  const warm: number[] = []
  try {
    await (await startEmulator({ stateDir })).stop()
    for (let run = 0; run < runs; run++) {
      const started = performance.now()
      const emulator = await startEmulator({ stateDir })
      warm.push(performance.now() - started)
      await emulator.stop()
    }
  } finally {
    await rm(stateDir, { recursive: true, force: true })
  }
  context.progress(
    `  startEmulator(): fresh ${fresh.map(Math.round).join(', ')} ms; warm ${warm.map(Math.round).join(', ')} ms`,
  )
  const metric = (kind: 'fresh' | 'warm', times: number[], what: string): Metric => ({
    id: `emulator.start.${kind}`,
    label: `emulator: startEmulator() on ${what} (median of ${runs})`,
    value: round(median(times)),
    unit: 'ms',
    figures: { max: round(max(times)), runs },
  })
  return [
    metric('fresh', fresh, 'a fresh state directory'),
    metric('warm', warm, 'an existing state directory'),
  ]
}

async function throughput(context: BenchContext): Promise<Metric[]> {
  const durationSeconds = context.quick ? 2 : 5
  const local = await startLocalAzure()
  try {
    const appService = benchSamples().find((sample) => sample.def.id === 'app-service')
    if (appService === undefined) throw new Error('The tour defines no app-service sample.')
    const provisioned = await provisionBenchSample(local, appService, 'tokens')
    const env = local.emulator.hostEnv(provisioned.host.id)
    const endpoint = env.IDENTITY_ENDPOINT
    const header = env.IDENTITY_HEADER
    if (endpoint === undefined || header === undefined) {
      throw new Error('The emulator gave the web app no IDENTITY_ENDPOINT / IDENTITY_HEADER.')
    }
    const query = new URLSearchParams({
      'api-version': '2019-08-01',
      resource: 'https://azconfig.io',
      client_id: provisioned.identity.clientId,
    })
    const tokenUrl = `${endpoint}?${query}`
    const tokenHeaders = { 'x-identity-header': header }
    const answer = await fetchResponse(tokenUrl, tokenHeaders)
    if (answer.status !== 200)
      throw new Error(`The token endpoint answered ${answer.status} before the load.`)
    const { access_token: token } = JSON.parse(answer.body.toString('utf8')) as { access_token: string }
    context.progress(
      `  token endpoint: ${durationSeconds} s, 10 connections (load generator in a worker thread)`,
    )
    const tokens = await runLoad({
      url: tokenUrl,
      headers: tokenHeaders,
      durationSeconds,
      connections: 10,
      workers: 1,
    })
    // The store's data plane, as the provider reads it: GET one key with the identity's bearer token (the
    // emulator checks the token and the role assignment on every request, as Azure does).
    const storeEndpoint = provisioned.sampleEnvironment.APP_CONFIG_ENDPOINT
    if (storeEndpoint === undefined) throw new Error('The provisioned sample has no APP_CONFIG_ENDPOINT.')
    const kvUrl = `${storeEndpoint}/kv/${encodeURIComponent(MESSAGE_KEY)}?api-version=2023-11-01`
    const kvHeaders = {
      authorization: `Bearer ${token}`,
      accept: 'application/vnd.microsoft.appconfig.kv+json',
    }
    const kvAnswer = await getStatus(kvUrl, kvHeaders, local.emulator.caCertPath)
    if (kvAnswer !== 200)
      throw new Error(`App Configuration answered ${kvAnswer} to GET /kv before the load.`)
    context.progress(
      `  App Configuration GET /kv/{key}: ${durationSeconds} s, 10 connections (worker thread)`,
    )
    const settings = await runLoad({
      url: kvUrl,
      headers: kvHeaders,
      durationSeconds,
      connections: 10,
      workers: 1,
    })
    const figures = (result: LoadResult) => ({
      p50: result.p50,
      p99: result.p99,
      requests: result.requests,
      failed: result.failed,
    })
    return [
      {
        id: 'emulator.tokens',
        label: 'emulator: App Service token endpoint (valid X-IDENTITY-HEADER)',
        value: round(tokens.requestsPerSecond, 0),
        unit: 'req/s',
        target: EMULATOR_THROUGHPUT_TARGET,
        figures: figures(tokens),
      },
      {
        id: 'emulator.appconfig',
        label: 'emulator: App Configuration GET /kv/{key} (bearer token checked, RBAC)',
        value: round(settings.requestsPerSecond, 0),
        unit: 'req/s',
        target: EMULATOR_THROUGHPUT_TARGET,
        figures: figures(settings),
      },
    ]
  } finally {
    await local.emulator.stop()
  }
}

/** GET over https trusting the emulator's CA; the status, or 0 when the request failed. */
async function getStatus(url: string, headers: Record<string, string>, caCertPath: string): Promise<number> {
  const ca = await readFile(caCertPath, 'utf8')
  return new Promise((resolve) => {
    const req = httpsRequest(url, { agent: false, ca, headers }, (response) => {
      response.resume()
      response.on('end', () => resolve(response.statusCode ?? 0))
    })
    req.on('error', () => resolve(0))
    req.end()
  })
}
