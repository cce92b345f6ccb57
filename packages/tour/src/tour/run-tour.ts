import { join, resolve } from 'node:path'
import type { TourArgs } from '../cli/args.js'
import type { Prompts } from '../engine/prompts.js'
import { runSteps } from '../engine/run-steps.js'
import type { StepOutcome } from '../engine/step.js'
import { UsageError } from '../errors/usage-error.js'
import { ChildProcesses } from '../samples/children.js'
import type { ScenarioResult } from '../scenarios/run-scenario.js'
import { ProgressFile } from '../state/progress.js'
import { SHARED_STEPS, sampleSteps } from '../steps/index.js'
import { BufferOutput } from '../ui/buffer-output.js'
import { createTourUi, type TourUi } from '../ui/tour-ui.js'
import { confirmAzure, creationPlan } from './confirm.js'
import { tourNames } from './names.js'
import type { SampleRun, TourRun } from './run-context.js'
import { SAMPLES, type SampleDef, type SampleId, sampleDef } from './samples.js'
import { renderSummary, type SummaryRow, summaryRow } from './summary.js'
import type { TourTarget } from './target.js'
import { openAzureTarget } from './target-azure.js'
import { openLocalTarget } from './target-local.js'

/** Default region of new resources. */
export const DEFAULT_LOCATION = 'swedencentral'

/** Options of {@link runTour}. */
export interface TourOptions {
  args: TourArgs
  ui: TourUi
  prompts: Prompts
  /** Ask questions (a terminal, no CI, no `--yes`). */
  interactive: boolean
  /** Whether a terminal is there at all (Azure confirmations need one, or `--yes`). */
  canAsk: boolean
  signal: AbortSignal
  cwd: string
  env: Readonly<Record<string, string | undefined>>
  children?: ChildProcesses | undefined
  /** Opens the target; default: the local emulator or Azure per `args.target`. Tests inject one. */
  openTarget?: ((dir: string) => Promise<TourTarget>) | undefined
}

/** What {@link runTour} did. */
export interface TourResult {
  /** Every verify passed (the exit code is 0 only then). */
  ok: boolean
  rows: SummaryRow[]
  scenario?: ScenarioResult | undefined
}

/**
 * The tour: opens the target (the local emulator by default), then either walks a sample step by step
 * (interactive), runs every step for all three samples (non-interactive) and prints the summary table, runs a
 * "what goes wrong" scenario, or cleans up. Always stops the samples and the emulator before it returns.
 *
 * @throws {@link UsageError}, {@link ConfirmationRequiredError}, {@link DeclinedError}, {@link CancelledError}.
 */
export async function runTour(options: TourOptions): Promise<TourResult> {
  const { args, ui } = options
  if (args.target === 'azure' && args.scenario) {
    throw new UsageError(
      '--what-goes-wrong runs on the local emulator only (it starts the sample on your machine).',
    )
  }
  const dir = resolve(options.cwd, args.dir ?? '.uami')
  const progress = await ProgressFile.open(join(dir, 'tour.json'), { fresh: args.fresh })
  const children = options.children ?? new ChildProcesses()
  const target = options.openTarget
    ? await options.openTarget(dir)
    : args.target === 'azure'
      ? openAzureTarget({
          subscription: args.subscription,
          env: options.env,
          sshPublicKey: args.sshPublicKey,
        })
      : await openLocalTarget(dir, options.cwd)
  try {
    const saved = progress.run(target.key, { location: args.location ?? DEFAULT_LOCATION })
    const location = args.location ?? saved.location
    const run: TourRun = {
      target,
      names: tourNames(target.kind, saved.suffix),
      location,
      progress,
      children,
      signal: options.signal,
      dir,
      running: new Map(),
      recordCreated: (type, id) => progress.recordCreated(target.key, { type, id }),
    }
    ui.intro(`uami — user-assigned managed identity, step by step, on ${target.describe}`)
    if (args.cleanup) {
      const { runCleanup } = await import('./cleanup.js')
      await runCleanup(run, options)
      return { ok: true, rows: [] }
    }
    if (args.scenario) {
      const { runScenario } = await import('../scenarios/run-scenario.js')
      const scenario = await runScenario(
        run,
        args.scenario,
        (args.sample as SampleId | undefined) ?? undefined,
        options,
      )
      return { ok: scenario.ok, rows: [], scenario }
    }
    if (options.interactive) {
      const { interactiveTour } = await import('./interactive.js')
      return await interactiveTour(run, options)
    }
    const samples = args.sample && args.sample !== 'all' ? [sampleDef(args.sample)] : SAMPLES
    if (target.kind === 'azure') {
      await confirmAzure('create', creationPlan(run.names, samples, location), {
        ui,
        prompts: options.prompts,
        yes: args.yes,
        canAsk: options.canAsk,
        subscriptionId: target.subscriptionId,
      })
    }
    const rows = await runSamples(run, samples, options, { interactive: false })
    ui.raw(`\n${renderSummary(rows, ui.width)}\n`)
    const ok = rows.length > 0 && rows.every((row) => row.verified)
    ui.outro(ok ? 'Every step verified.' : 'Some steps did not verify: read the ✖ lines above.')
    return { ok, rows }
  } finally {
    await children.stopAll()
    await progress.flush()
    await target.stop()
  }
}

/**
 * Runs the shared steps, then every step of each sample, and returns a summary row per sample. A sample whose
 * step fails is reported and the next sample still runs.
 */
export async function runSamples(
  run: TourRun,
  samples: readonly SampleDef[],
  options: TourOptions,
  mode: { interactive: boolean; resume?: boolean },
): Promise<SummaryRow[]> {
  const saved = run.progress.run(run.target.key, { location: run.location })
  const steps = sampleSteps(run.target.kind)
  const total = SHARED_STEPS.length + steps.length
  const common = {
    ui: options.ui,
    prompts: options.prompts,
    interactive: mode.interactive,
    signal: options.signal,
  }
  const shared = await runSteps(SHARED_STEPS, run, {
    ...common,
    scope: '',
    done: mode.resume ? new Set(saved.done.shared ?? []) : undefined,
    onDone: (id) => run.progress.markDone(run.target.key, 'shared', id),
    numbering: { first: 1, total },
  })
  const sharedOk =
    shared.length === SHARED_STEPS.length && shared.every((outcome) => outcome.status !== 'failed')
  const runSample = async (def: SampleDef, ui: TourUi): Promise<SummaryRow> => {
    const sample: SampleRun = { tour: run, def }
    let outcomes: StepOutcome[] = []
    if (sharedOk) {
      if (samples.length > 1)
        ui.heading(`${def.label} sample — identity by ${def.kindLabel} (${def.variable})`)
      outcomes = await runSteps(steps, sample, {
        ...common,
        ui,
        scope: def.id,
        done: mode.resume ? new Set(saved.done[def.id] ?? []) : undefined,
        onDone: (id) => run.progress.markDone(run.target.key, def.id, id),
        numbering: { first: SHARED_STEPS.length + 1, total },
      })
    }
    return summaryRow(sample, outcomes, steps.length)
  }
  if (options.ui.mode === 'plain' && !mode.interactive && samples.length > 1) {
    // Without a terminal the samples run side by side (their steps are independent); each one's lines are
    // printed together, in the tutorial's order, as soon as it and the ones before it are done.
    const buffers = samples.map(() => new BufferOutput())
    const tasks = samples.map((def, index) =>
      runSample(def, createTourUi(buffers[index] as BufferOutput, 'plain', options.ui.width)),
    )
    const settled = Promise.allSettled(tasks)
    const rows: SummaryRow[] = []
    for (const [index, task] of tasks.entries()) {
      const result = await task.then(
        (row) => ({ row }),
        (error: unknown) => ({ error }),
      )
      options.ui.raw(buffers[index]?.text.trimEnd() ?? '')
      if ('error' in result) {
        await settled
        throw result.error
      }
      rows.push(result.row)
    }
    return rows
  }
  const rows: SummaryRow[] = []
  for (const def of samples) rows.push(await runSample(def, options.ui))
  return rows
}
