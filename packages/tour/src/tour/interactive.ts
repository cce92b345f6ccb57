import { SCENARIOS, type ScenarioId } from '../cli/args.js'
import { SCENARIO_DEFS } from '../scenarios/scenarios.js'
import { confirmAzure, creationPlan } from './confirm.js'
import type { TourRun } from './run-context.js'
import { runSamples, type TourOptions, type TourResult } from './run-tour.js'
import { SAMPLES, type SampleId, sampleDef } from './samples.js'
import { renderSummary, type SummaryRow } from './summary.js'

type MenuChoice = 'walk' | 'all' | 'wrong' | 'cleanup' | 'quit'

/** Every submenu ends with a way back to the menu. */
const BACK = 'back'
const BACK_CHOICE = { value: BACK, label: 'Back', hint: 'to the menu' } as const

/**
 * The tour in a terminal: offers to resume, then a menu — walk through a sample step by step, run everything for
 * all three samples, "what goes wrong", clean up, or quit. Samples started here keep running (so you can open
 * them in a browser) until you quit.
 */
export async function interactiveTour(run: TourRun, options: TourOptions): Promise<TourResult> {
  const { ui, prompts } = options
  const saved = run.progress.run(run.target.key, { location: run.location })
  const doneCount = Object.values(saved.done).reduce((sum, steps) => sum + steps.length, 0)
  let resume = false
  if (doneCount > 0) {
    const choice = await prompts.select({
      message: `Welcome back: ${describeDone(saved.done)}.`,
      choices: [
        {
          value: 'resume',
          label: 'Resume where you left off',
          hint: 'done steps are checked quickly, then it continues',
        },
        { value: 'restart', label: 'Start from the beginning', hint: 'existing resources are reused' },
      ],
    })
    resume = choice === 'resume'
    if (!resume) await run.progress.resetSteps(run.target.key)
  }
  const rows: SummaryRow[] = []
  let confirmed = run.target.kind === 'local'
  // `--sample` in a terminal: walk that sample (or all) first, then show the menu.
  let preset: SampleId | 'all' | undefined = options.args.sample
  for (;;) {
    const action: MenuChoice = preset
      ? 'walk'
      : await prompts.select<MenuChoice>({
          message: 'What would you like to do?',
          choices: [
            {
              value: 'walk',
              label: 'Walk through a sample, step by step',
              hint: 'explanation, az command and a check for each step',
            },
            {
              value: 'all',
              label: 'Run every step for all three samples',
              hint: 'no questions, then a summary table',
            },
            ...(run.target.kind === 'local'
              ? [
                  {
                    value: 'wrong' as const,
                    label: 'What goes wrong',
                    hint: 'break one step on purpose and let uami doctor find it',
                  },
                ]
              : []),
            { value: 'cleanup', label: 'Clean up', hint: 'remove what the tour created' },
            { value: 'quit', label: 'Quit', hint: rows.length > 0 ? 'stops the samples' : undefined },
          ],
        })
    if (action === 'quit') break
    if (action === 'cleanup') {
      const { runCleanup } = await import('./cleanup.js')
      await runCleanup(run, options)
      confirmed = run.target.kind === 'local'
      continue
    }
    if (action === 'wrong') {
      const scenario = await prompts.select<ScenarioId | typeof BACK>({
        message: 'Which mistake?',
        choices: [...SCENARIOS.map((id) => ({ value: id, label: SCENARIO_DEFS[id].title })), BACK_CHOICE],
      })
      if (scenario === BACK) continue
      const applicable = SCENARIO_DEFS[scenario].samples
      const sample =
        applicable.length === 1
          ? applicable[0]
          : await prompts.select<SampleId | typeof BACK>({
              message: 'On which sample?',
              choices: [
                ...applicable.map((id) => ({
                  value: id,
                  label: sampleDef(id).label,
                  hint: `identity by ${sampleDef(id).kindLabel}`,
                })),
                BACK_CHOICE,
              ],
            })
      if (sample === BACK) continue
      const { runScenario } = await import('../scenarios/run-scenario.js')
      await runScenario(run, scenario, sample, options)
      continue
    }
    const chosen = preset
    preset = undefined
    const which =
      action === 'all'
        ? 'all'
        : (chosen ??
          (await prompts.select<SampleId | 'all' | typeof BACK>({
            message: 'Which sample?',
            choices: [
              ...SAMPLES.map((def) => ({
                value: def.id,
                label: `${def.label}`,
                hint: `identity by ${def.kindLabel} (${def.variable})`,
              })),
              { value: 'all' as const, label: 'All three, one after the other' },
              BACK_CHOICE,
            ],
          })))
    if (which === BACK) continue
    const samples = which === 'all' ? SAMPLES : [sampleDef(which)]
    if (!confirmed) {
      await confirmAzure('create', creationPlan(run.names, samples, run.location), {
        ui,
        prompts,
        yes: options.args.yes,
        canAsk: true,
        subscriptionId: run.target.subscriptionId,
      })
      confirmed = true
    }
    const result = await runSamples(run, samples, options, { interactive: action === 'walk', resume })
    resume = true
    rows.push(...result)
    ui.raw(`\n${renderSummary(result, ui.width)}\n`)
    const urls = result.flatMap((row) => (row.url ? [`${row.sample}: ${row.url}/`] : []))
    if (urls.length > 0) ui.info(`Running until you quit — open them in a browser:\n${urls.join('\n')}`)
  }
  const ok = rows.every((row) => row.verified)
  ui.outro(
    rows.length === 0
      ? 'See you next time.'
      : ok
        ? 'Every step verified. See you next time.'
        : 'Some steps did not verify; run the tour again to retry them.',
  )
  return { ok, rows }
}

function describeDone(done: Record<string, string[]>): string {
  const parts = Object.entries(done)
    .filter(([, steps]) => steps.length > 0)
    .map(
      ([scope, steps]) =>
        `${scope === 'shared' ? 'setup' : scope} ${steps.length} step${steps.length === 1 ? '' : 's'}`,
    )
  return `${parts.join(', ')} done`
}
