import { performance } from 'node:perf_hooks'
import { type LocalAzure, startLocalAzure } from '@uami/sample-testing'
import { BenchUsageError, MEASUREMENT_IDS, type MeasurementId, parseBenchArgs, USAGE } from './cli-args.js'
import { renderTextTable, type Section } from './format.js'
import { currentLoad, machineInfo } from './machine.js'
import { bundleMeasurement } from './measure-bundle.js'
import { emulatorMeasurement } from './measure-emulator.js'
import { loadMeasurement } from './measure-load.js'
import { startupMeasurement } from './measure-startup.js'
import { tourMeasurement } from './measure-tour.js'
import type { BenchContext, Measurement } from './measurement.js'
import { allTargetsMet, evaluate, failedMeasurement } from './metric.js'
import { ChildRegistry } from './processes.js'
import { repoRoot, resultsDir } from './repo.js'
import { type BenchRun, isFullRun, writeResults } from './results.js'
import { SampleStartError } from './sample-process.js'

const MEASUREMENTS: Readonly<Record<MeasurementId, Measurement>> = {
  startup: startupMeasurement,
  load: loadMeasurement,
  bundle: bundleMeasurement,
  tour: tourMeasurement,
  emulator: emulatorMeasurement,
}

const progress = (line: string): void => {
  process.stderr.write(`${line}\n`)
}

/**
 * Runs the benchmark: the measurements asked for, each judged against its targets; prints the results table,
 * writes `results/`, and returns the exit code (0 only when every target holds, 1 otherwise, 2 for a bad command
 * line).
 *
 * @param argv - The command line after the script.
 * @returns The exit code.
 */
export async function runBench(argv: readonly string[]): Promise<number> {
  let args: ReturnType<typeof parseBenchArgs>
  try {
    args = parseBenchArgs(argv)
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error
    console.error(`${error.code}: ${error.message}\n\n${USAGE}`)
    return 2
  }
  if (args.help) {
    console.log(USAGE)
    return 0
  }
  const registry = new ChildRegistry()
  let shared: Promise<LocalAzure> | undefined
  const context: BenchContext = {
    quick: args.quick,
    registry,
    localAzure: () => {
      shared ??= startLocalAzure()
      return shared
    },
    progress,
  }
  const stopEverything = async (): Promise<void> => {
    await registry.stopAll()
    const local = await shared?.catch(() => undefined)
    shared = undefined
    await local?.emulator.stop()
  }
  let interrupted = false
  const onSignal = (signal: NodeJS.Signals): void => {
    if (interrupted) process.exit(130)
    interrupted = true
    progress(`${signal}: stopping every process the benchmark started (again to quit at once)…`)
    void registry.close()
  }
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal)

  const date = new Date().toISOString()
  const started = performance.now()
  const machine = await machineInfo(repoRoot)
  console.log(
    `uami benchmark — ${date} — Node.js ${machine.node}, ${machine.cpuCount} × ${machine.cpuModel}, load ${machine.loadAverage.start}, commit ${machine.commit}${machine.dirty ? ' (uncommitted changes)' : ''}${args.quick ? ' — quick' : ''}\n`,
  )
  const sections: Section[] = []
  try {
    for (const id of args.only) {
      if (interrupted) break
      const measurement = MEASUREMENTS[id]
      progress(`▶ ${measurement.title}`)
      const metrics = await measurement.run(context).catch((error: unknown) => {
        if (error instanceof SampleStartError) progress(`  the sample's last output:\n${error.output}`)
        progress(`  ✖ ${error instanceof Error ? error.message : String(error)}`)
        return [failedMeasurement(id, error)]
      })
      sections.push({ id, title: measurement.title, metrics: metrics.map(evaluate) })
    }
  } finally {
    await stopEverything()
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal)
  }
  if (interrupted) {
    progress('Interrupted: no results written.')
    return 130
  }

  const passed = allTargetsMet(sections.flatMap((section) => section.metrics))
  const run: BenchRun = {
    schema: 'uami.bench/1',
    date,
    command: `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`,
    durationSeconds: Math.round((performance.now() - started) / 1000),
    quick: args.quick,
    measurements: args.only,
    machine: { ...machine, loadAverage: { ...machine.loadAverage, end: currentLoad() } },
    passed,
    sections,
  }
  console.log(renderTextTable(sections))
  const missed = sections.flatMap((section) => section.metrics).filter((metric) => metric.verdict === 'fail')
  console.log(
    `\n${passed ? '✔ Every target met.' : `✖ ${missed.length} target(s) missed.`} (${run.durationSeconds} s)`,
  )
  const files = await writeResults(resultsDir, run, isFullRun(run, MEASUREMENT_IDS))
  console.log(`Results: ${files.map((file) => file.slice(repoRoot.length + 1)).join(', ')}`)
  return passed ? 0 : 1
}

process.exitCode = await runBench(process.argv.slice(2))
