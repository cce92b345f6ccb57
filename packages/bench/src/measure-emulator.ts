import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { startEmulator } from '@uami/emulator'
import { startLocalAzure } from '@uami/sample-testing'
import { provisionBenchSample } from './bench-sample.js'
import { runLoad } from './load-run.js'
import type { BenchContext, Measurement } from './measurement.js'
import type { Metric } from './metric.js'
import { benchSamples } from './repo.js'
import { status } from './sample-process.js'
import { max, median, round } from './stats.js'

/**
 * Emulator (informational, no target): `startEmulator()` on a fresh state directory (CA, keys, state created) and
 * on an existing one, and the throughput of the App Service token endpoint with a valid `X-IDENTITY-HEADER`.
 */
export const emulatorMeasurement: Measurement = {
  id: 'emulator',
  title: 'Emulator start and token endpoint (informational)',
  async run(context) {
    const runs = context.quick ? 2 : 5
    return [...(await startTimes(context, runs)), await tokenThroughput(context)]
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

async function tokenThroughput(context: BenchContext): Promise<Metric> {
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
      resource: 'https://appconfig.azure.com',
      client_id: provisioned.identity.clientId,
    })
    const url = `${endpoint}?${query}`
    const headers = { 'x-identity-header': header }
    const answer = await status(url, headers)
    if (answer !== 200) throw new Error(`The token endpoint answered ${answer} before the load.`)
    context.progress(
      `  token endpoint: ${durationSeconds} s, 10 connections (load generator in a worker thread)`,
    )
    const result = await runLoad({ url, headers, durationSeconds, connections: 10, workers: 1 })
    return {
      id: 'emulator.tokens',
      label: 'emulator: App Service token endpoint (a token minted per request)',
      value: round(result.requestsPerSecond, 0),
      unit: 'req/s',
      figures: { p50: result.p50, p99: result.p99, requests: result.requests, failed: result.failed },
    }
  } finally {
    await local.emulator.stop()
  }
}
