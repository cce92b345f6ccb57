import type { EvaluatedMetric, Metric, Target, Unit, Verdict } from './metric.js'

const MB = 1024 * 1024
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })

/**
 * A number in a unit, as a reader wants to see it.
 *
 * @param value - The number; `null` for a missing value.
 * @param unit - Its unit.
 * @returns e.g. `412 ms`, `5.7 s`, `1.24 MB`, `5,321 req/s`, `0`, `0.95×`; `—` for a missing value.
 * @example
 * ```ts
 * formatValue(1300780, 'bytes') // '1.24 MB'
 * ```
 */
export function formatValue(value: number | null, unit: Unit): string {
  if (value === null || !Number.isFinite(value)) return '—'
  switch (unit) {
    case 'ms':
      return value < 10 ? `${value.toFixed(1)} ms` : `${integer.format(value)} ms`
    case 's':
      return `${value.toFixed(1)} s`
    case 'bytes':
      return `${(value / MB).toFixed(2)} MB`
    case 'req/s':
      return `${integer.format(value)} req/s`
    case 'count':
      return integer.format(value)
    case 'ratio':
      return `${value.toFixed(2)}×`
  }
}

/**
 * A target as text.
 *
 * @param target - The target; `undefined` for an informational metric.
 * @param unit - The metric's unit.
 * @returns e.g. `< 1,000 ms`, `≤ 3.00 MB`, `= 0`; empty without a target.
 */
export function formatTarget(target: Target | undefined, unit: Unit): string {
  if (target === undefined) return ''
  const symbol = target.op === '<=' ? '≤' : target.op === '>=' ? '≥' : target.op
  return `${symbol} ${formatValue(target.limit, unit)}`
}

/** The mark of a verdict: ✔ met, ✖ missed, nothing for informational metrics. */
export function verdictMark(verdict: Verdict): string {
  return verdict === 'pass' ? '✔' : verdict === 'fail' ? '✖' : ''
}

/** The value column of a metric: the value, then its explaining figures in a short form when there are any. */
export function formatMetricValue(metric: Metric): string {
  const main = formatValue(metric.value, metric.unit)
  const extra = describeFigures(metric.figures)
  return extra === '' ? main : `${main} (${extra})`
}

/** Figures shown next to a value; the others stay in the results file only. */
const SHOWN_FIGURES: Readonly<Record<string, (value: number) => string>> = {
  max: (v) => `max ${formatValue(v, 'ms')}`,
  listening: (v) => `listening ${formatValue(v, 'ms')}`,
  cpu: (v) => `CPU ${formatValue(v, 'ms')}`,
  p50: (v) => `p50 ${formatValue(v, 'ms')}`,
  p99: (v) => `p99 ${formatValue(v, 'ms')}`,
  requests: (v) => `${formatValue(v, 'count')} requests`,
  failed: (v) => `${formatValue(v, 'count')} failed`,
  atStart: (v) => `${formatValue(v, 'count')} at start-up`,
  candidate: (v) => `sample ${formatValue(v, 'req/s')}`,
  baseline: (v) => `bare ${formatValue(v, 'req/s')}`,
  candidateMs: (v) => `sample ${formatValue(v, 'ms')}`,
  baselineMs: (v) => `bare ${formatValue(v, 'ms')}`,
  rounds: (v) => `${formatValue(v, 'count')} rounds`,
  sampleCpuUs: (v) => `sample ${v.toFixed(1)} µs CPU/response`,
  bareCpuUs: (v) => `bare ${v.toFixed(1)} µs`,
}

function describeFigures(figures: Readonly<Record<string, number>> | undefined): string {
  if (figures === undefined) return ''
  const shown = Object.entries(figures).flatMap(([name, value]) => {
    const show = SHOWN_FIGURES[name]
    return show === undefined ? [] : [show(value)]
  })
  // The spread of a ratio over its rounds: `ratioMin`–`ratioMax`.
  const { ratioMin, ratioMax } = figures
  if (ratioMin !== undefined && ratioMax !== undefined) {
    shown.push(`rounds ${ratioMin.toFixed(2)}–${formatValue(ratioMax, 'ratio')}`)
  }
  return shown.join(', ')
}

/** The four columns of a row of the results table. */
export type Row = readonly [metric: string, value: string, target: string, mark: string]

/**
 * The rows of the results table.
 *
 * @param metrics - The evaluated metrics, in the order to show.
 * @returns One row per metric.
 */
export function tableRows(metrics: readonly EvaluatedMetric[]): Row[] {
  return metrics.map((metric) => [
    metric.label,
    formatMetricValue(metric),
    formatTarget(metric.target, metric.unit),
    verdictMark(metric.verdict),
  ])
}

const HEADER: Row = ['metric', 'value', 'target', '✔/✖']

/** The metrics of one measurement, under its title. */
export interface Section {
  readonly id: string
  readonly title: string
  readonly metrics: readonly EvaluatedMetric[]
}

/**
 * The results as aligned plain-text tables for a terminal: one per measurement, under its title, with the same
 * column widths throughout; notes follow their table.
 *
 * @param sections - The measurements' evaluated metrics.
 * @returns The text, lines joined with `\n`.
 */
export function renderTextTable(sections: readonly Section[]): string {
  const all = [HEADER, ...sections.flatMap((section) => tableRows(section.metrics))]
  const widths = HEADER.map((_, column) => Math.max(...all.map((row) => width(row[column] ?? ''))))
  const line = (row: readonly string[]): string =>
    row
      .map((cell, column) => cell + ' '.repeat(Math.max(0, (widths[column] ?? 0) - width(cell))))
      .join('  ')
      .trimEnd()
  const rule = widths.map((w) => '─'.repeat(w)).join('  ')
  const blocks = sections.map((section) =>
    [
      section.title,
      line(HEADER),
      rule,
      ...tableRows(section.metrics).map(line),
      ...notes(section.metrics),
    ].join('\n'),
  )
  return blocks.join('\n\n')
}

/**
 * The results as Markdown: one table per measurement under a `###` heading, notes below each.
 *
 * @param sections - The measurements' evaluated metrics.
 * @returns The Markdown, lines joined with `\n`.
 */
export function renderMarkdownTable(sections: readonly Section[]): string {
  const escapeCell = (cell: string): string => cell.replaceAll('|', '\\|')
  const line = (row: readonly string[]): string => `| ${row.map(escapeCell).join(' | ')} |`
  return sections
    .map((section) =>
      [
        `### ${section.title}`,
        '',
        line(HEADER),
        '| --- | --: | --: | :-: |',
        ...tableRows(section.metrics).map(line),
        ...notes(section.metrics).map((note) => `\n${note}`),
      ].join('\n'),
    )
    .join('\n\n')
}

function notes(metrics: readonly EvaluatedMetric[]): string[] {
  return metrics.flatMap((metric) =>
    metric.note === undefined ? [] : [`  note — ${metric.label}: ${metric.note}`],
  )
}

/** Display width: every character counts one column (the table uses no wide characters). */
function width(text: string): number {
  return [...text].length
}
