import { CancelledError } from '../errors/cancelled-error.js'
import { isTourError } from '../errors/tour-error.js'
import type { TourUi } from '../ui/tour-ui.js'
import { abortable } from './abortable.js'
import type { Prompts } from './prompts.js'
import type { Step, StepIo, StepOutcome } from './step.js'

/** Options of {@link runSteps}. */
export interface RunStepsOptions {
  ui: TourUi
  prompts: Prompts
  /** Ask before each step (a terminal). Without it every step runs at once. */
  interactive: boolean
  /** What the steps work on, for output: a sample ID, or `''` for the shared steps. */
  scope: string
  /** Steps done in an earlier run: re-run quietly (they are idempotent) to restore what later steps need. */
  done?: ReadonlySet<string> | undefined
  /** Called after each step that ran and verified (the tour saves progress here). */
  onDone?: ((stepId: string) => Promise<void>) | undefined
  signal: AbortSignal
  /** Numbering across several calls, e.g. `{ first: 3, total: 9 }`. */
  numbering?: { first: number; total: number } | undefined
}

/**
 * Runs steps in order. For each: show its explanation and az commands (interactive), run it under a spinner, then
 * verify it by reading the result back. Stops at the first step that throws or does not verify — later steps
 * depend on it — and returns every outcome so far. Ctrl-C (the signal) and a cancelled prompt throw
 * {@link CancelledError}.
 *
 * @example
 * ```ts
 * const outcomes = await runSteps(sampleSteps, sample, { ui, prompts, interactive: false, scope: 'vm', signal })
 * const ok = outcomes.every((outcome) => outcome.status !== 'failed')
 * ```
 */
export async function runSteps<C>(
  steps: readonly Step<C>[],
  ctx: C,
  options: RunStepsOptions,
): Promise<StepOutcome[]> {
  const { ui, signal } = options
  const outcomes: StepOutcome[] = []
  const first = options.numbering?.first ?? 1
  const total = options.numbering?.total ?? steps.length
  for (const [index, step] of steps.entries()) {
    if (signal.aborted) throw new CancelledError()
    const resumed = options.done?.has(step.id) === true
    const position = `${first + index}/${total}`
    if (options.interactive && !resumed) {
      ui.stepHeader(position, step.title, step.explanation, step.az(ctx), step.local?.(ctx) ?? [])
      const choice = await options.prompts.select({
        message: `Run step ${position}?`,
        choices: [
          { value: 'run', label: 'Run it', hint: 'and verify it' },
          { value: 'quit', label: 'Stop here', hint: 'resume later with npm start' },
        ],
      })
      if (choice === 'quit') throw new CancelledError('You stopped the tour. Your progress is saved.')
    }
    const outcome = await runOne(step, ctx, ui, signal, resumed)
    outcomes.push(outcome)
    ui.outcome(outcome, options.scope)
    if (outcome.status === 'failed') break
    if (!resumed) await options.onDone?.(step.id)
  }
  return outcomes
}

async function runOne<C>(
  step: Step<C>,
  ctx: C,
  ui: TourUi,
  signal: AbortSignal,
  resumed: boolean,
): Promise<StepOutcome> {
  const started = Date.now()
  const base = { id: step.id, title: step.title }
  try {
    return await ui.task(
      resumed ? `${step.title} (done earlier, checking)` : step.title,
      async (progress) => {
        const io: StepIo = { progress, signal }
        const result = await abortable(step.run(ctx, io), signal)
        progress(`Verifying: ${step.title}`)
        const verify = await abortable(step.verify(ctx, io), signal)
        return {
          ...base,
          status: verify.ok ? (resumed ? 'resumed' : 'done') : 'failed',
          result,
          verify,
          ms: Date.now() - started,
        } satisfies StepOutcome
      },
    )
  } catch (error) {
    if (isTourError(error, 'UAMI_TOUR_CANCELLED')) throw error
    if (signal.aborted) throw new CancelledError()
    return { ...base, status: 'failed', error, ms: Date.now() - started }
  }
}
