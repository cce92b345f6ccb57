import { type BaselineRoute, startBaseline } from './baseline.js'
import { provisionBenchSample, sampleEnvironment } from './bench-sample.js'
import { ensureBundle } from './bundle-file.js'
import type { Measurement } from './measurement.js'
import type { Metric, Target } from './metric.js'
import { benchSamples } from './repo.js'
import { type ReadySample, startSample } from './sample-process.js'
import { max, median, min, round } from './stats.js'

/** Issue 4: "each sample starts locally in under a second after the emulator is up". */
export const STARTUP_TARGET: Target = { op: '<', limit: 1000, source: 'issue 4' }

/** The two ways a sample is started: the built server (`npm start`) and the deployed single-file bundle. */
export const ENTRIES = [
  { name: 'built', file: 'dist/server.js' },
  { name: 'bundle', file: 'dist/bundle/server.mjs' },
] as const

/** The samples' default refresh interval: start-up does not depend on it. */
const REFRESH_SECONDS = 30

/** The issue's cold-start targets, each sample's start ÷ a bare Fastify server's in the same run. */
export const COLD_START_RATIO_TARGETS: Readonly<Record<(typeof ENTRIES)[number]['name'], Target>> = {
  built: { op: '<=', limit: 2, source: 'issue 9: dist/server.js ≤ 2.0 × bare Fastify' },
  bundle: { op: '<=', limit: 1.5, source: 'issue 9: bundle ≤ 1.5 × bare Fastify' },
}

/** What the bare Fastify server of the cold-start baseline answers: any small JSON does. */
const BASELINE_ROUTE: BaselineRoute = {
  route: '/config/:key',
  path: '/config/Settings%3AMessage',
  contentType: 'application/json; charset=utf-8',
  body: Buffer.from('{"key":"Settings:Message","value":"Hello"}'),
}

/**
 * Sample start-up: with the emulator up and the sample provisioned, spawn → `/readyz` 200 (token obtained,
 * settings loaded), several runs per sample and entry — and, alternating with them, a bare Fastify server's spawn →
 * first 200, the baseline of the cold-start ratios. The absolute target applies to the median; the maximum, the
 * time to the listening line and the CPU time used (which, unlike wall time, does not grow with the machine's
 * load) are reported beside it.
 */
export const startupMeasurement: Measurement = {
  id: 'startup',
  title: 'Sample start-up (spawn → /readyz 200), and ÷ bare Fastify (spawn → first 200)',
  async run(context) {
    const local = await context.localAzure()
    const runs = context.quick ? 2 : 5
    const metrics: Metric[] = []
    for (const sample of benchSamples()) {
      await ensureBundle(sample, context)
      const provisioned = await provisionBenchSample(local, sample, 'startup')
      const env = sampleEnvironment(local, sample, provisioned, REFRESH_SECONDS)
      const times = { built: new Starts(), bundle: new Starts(), bare: new Starts() }
      for (let run = 1; run <= runs; run++) {
        for (const entry of ENTRIES) {
          await times[entry.name].add(
            await startSample({ dir: sample.dir, entry: entry.file, env, registry: context.registry }),
          )
        }
        await times.bare.add(await startBaseline({ routes: [BASELINE_ROUTE], registry: context.registry }))
        context.progress(
          `  ${sample.def.id} run ${run}/${runs}: ready in ${ENTRIES.map((entry) => `${Math.round(times[entry.name].last)} ms (${entry.name})`).join(', ')}; bare Fastify ${Math.round(times.bare.last)} ms`,
        )
      }
      for (const entry of ENTRIES) {
        const starts = times[entry.name]
        metrics.push(
          {
            id: `startup.${sample.def.id}.${entry.name}`,
            label: `start-up ${sample.def.id}, ${entry.file} (median of ${runs})`,
            value: round(median(starts.ready)),
            unit: 'ms',
            target: STARTUP_TARGET,
            figures: starts.figures(),
          },
          {
            id: `ratio.${sample.def.id}.startup.${entry.name}`,
            label: `ratio ${sample.def.id}, start-up of ${entry.file} ÷ bare Fastify's`,
            value: round(median(starts.ready) / median(times.bare.ready), 3),
            unit: 'ratio',
            target: COLD_START_RATIO_TARGETS[entry.name],
            figures: {
              candidateMs: round(median(starts.ready)),
              baselineMs: round(median(times.bare.ready)),
              ratioMin: round(
                min(starts.ready.map((ready, index) => ready / (times.bare.ready[index] ?? Number.NaN))),
                3,
              ),
              ratioMax: round(
                max(starts.ready.map((ready, index) => ready / (times.bare.ready[index] ?? Number.NaN))),
                3,
              ),
            },
          },
        )
      }
      metrics.push({
        id: `startup.${sample.def.id}.bare`,
        label: `start-up of bare Fastify, alternating with ${sample.def.id} (median of ${runs})`,
        value: round(median(times.bare.ready)),
        unit: 'ms',
        figures: times.bare.figures(),
      })
    }
    return metrics
  },
}

/** The start-up times of one entry over the runs; each started process is stopped at once. */
class Starts {
  readonly ready: number[] = []
  readonly listening: number[] = []
  readonly cpu: number[] = []

  add(started: ReadySample): Promise<void> {
    this.ready.push(started.readyMs)
    this.listening.push(started.listeningMs)
    if (started.cpuMs !== undefined) this.cpu.push(started.cpuMs)
    return started.stop()
  }

  get last(): number {
    return this.ready.at(-1) ?? Number.NaN
  }

  figures(): Record<string, number> {
    return {
      max: round(max(this.ready)),
      listening: round(median(this.listening)),
      ...(this.cpu.length > 0 ? { cpu: round(median(this.cpu)) } : {}),
      runs: this.ready.length,
    }
  }
}
