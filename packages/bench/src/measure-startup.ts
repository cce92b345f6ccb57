import type { ProvisionedSample } from '@uami/provision'
import type { LocalAzure } from '@uami/sample-testing'
import { provisionBenchSample, sampleEnvironment } from './bench-sample.js'
import { ensureBundle } from './bundle-file.js'
import type { BenchContext, Measurement } from './measurement.js'
import type { Metric, Target } from './metric.js'
import { type BenchSample, benchSamples } from './repo.js'
import { startSample } from './sample-process.js'
import { max, median, round } from './stats.js'

/** Issue 4: "each sample starts locally in under a second after the emulator is up". */
export const STARTUP_TARGET: Target = { op: '<', limit: 1000, source: 'issue 4' }

/** The two ways a sample is started: the built server (`npm start`) and the deployed single-file bundle. */
export const ENTRIES = [
  { name: 'built', file: 'dist/server.js' },
  { name: 'bundle', file: 'dist/bundle/server.mjs' },
] as const

/** The samples' default refresh interval: start-up does not depend on it. */
const REFRESH_SECONDS = 30

/**
 * Sample start-up: with the emulator up and the sample provisioned, spawn → `/readyz` 200 (token obtained,
 * settings loaded), several runs per sample and entry. The target applies to the median; the maximum, the time to
 * the listening line and the CPU time used (which, unlike wall time, does not grow with the machine's load) are
 * reported beside it.
 */
export const startupMeasurement: Measurement = {
  id: 'startup',
  title: 'Sample start-up (spawn → /readyz 200)',
  async run(context) {
    const local = await context.localAzure()
    const runs = context.quick ? 2 : 5
    const metrics: Metric[] = []
    for (const sample of benchSamples()) {
      await ensureBundle(sample, context)
      const provisioned = await provisionBenchSample(local, sample, 'startup')
      for (const entry of ENTRIES) {
        metrics.push(await timeStarts(context, local, sample, provisioned, entry, runs))
      }
    }
    return metrics
  },
}

async function timeStarts(
  context: BenchContext,
  local: LocalAzure,
  sample: BenchSample,
  provisioned: ProvisionedSample,
  entry: (typeof ENTRIES)[number],
  runs: number,
): Promise<Metric> {
  const env = sampleEnvironment(local, sample, provisioned, REFRESH_SECONDS)
  const ready: number[] = []
  const listening: number[] = []
  const cpu: number[] = []
  for (let run = 1; run <= runs; run++) {
    const started = await startSample({ dir: sample.dir, entry: entry.file, env, registry: context.registry })
    await started.stop()
    ready.push(started.readyMs)
    listening.push(started.listeningMs)
    if (started.cpuMs !== undefined) cpu.push(started.cpuMs)
    context.progress(
      `  ${sample.def.id} ${entry.file} run ${run}/${runs}: ready in ${Math.round(started.readyMs)} ms`,
    )
  }
  return {
    id: `startup.${sample.def.id}.${entry.name}`,
    label: `start-up ${sample.def.id}, ${entry.file} (median of ${runs})`,
    value: round(median(ready)),
    unit: 'ms',
    target: STARTUP_TARGET,
    figures: {
      max: round(max(ready)),
      listening: round(median(listening)),
      ...(cpu.length > 0 ? { cpu: round(median(cpu)) } : {}),
      runs,
    },
  }
}
