import type { StepOutcome } from '../engine/step.js'
import { renderTable } from '../ui/table.js'
import type { SampleRun } from './run-context.js'

/** One row of the summary table. */
export interface SummaryRow {
  sample: string
  host: string
  identifierKind: string
  identity: string
  role: string
  /** `true` when every step of the sample ran and verified. */
  verified: boolean
  /** `verified`, or the step that failed. */
  verify: string
  seconds: number
  /** Where the sample runs (local only), e.g. `http://127.0.0.1:41234`. */
  url?: string | undefined
}

/**
 * The summary row of a sample from its step outcomes. Its seconds are the steps' own (run and verify), so time
 * spent reading and answering prompts does not count.
 */
export function summaryRow(
  sample: SampleRun,
  outcomes: readonly StepOutcome[],
  expectedSteps: number,
): SummaryRow {
  const ms = outcomes.reduce((sum, outcome) => sum + outcome.ms, 0)
  const failed = outcomes.find((outcome) => outcome.status === 'failed')
  const verified = failed === undefined && outcomes.length === expectedSteps
  return {
    sample: sample.def.id,
    host: sample.host ? `${sample.def.label} ${sample.host.name}` : sample.def.label,
    identifierKind: `${sample.def.kindLabel} (${sample.def.variable})`,
    identity: sample.identity?.name ?? '—',
    role: sample.role ? 'App Configuration Data Reader' : '—',
    verified,
    verify: verified ? '✔ verified' : failed ? `✖ ${failed.id}` : '✖ not run',
    seconds: Math.round(ms / 100) / 10,
    url: sample.process?.url,
  }
}

/** Renders the summary table for `width` columns (a list when the table does not fit). */
export function renderSummary(rows: readonly SummaryRow[], width?: number | undefined): string {
  return renderTable(
    ['sample', 'host', 'identifier kind', 'identity', 'role', 'verify', 'seconds'],
    rows.map((row) => [
      row.sample,
      row.host,
      row.identifierKind,
      row.identity,
      row.role,
      row.verify,
      row.seconds.toFixed(1),
    ]),
    width,
  )
}
