import { appendFile, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { MeasurementId } from './cli-args.js'
import { renderMarkdownTable, type Section } from './format.js'
import type { MachineInfo } from './machine.js'
import { renderRatioChart } from './ratio-chart.js'

/** One run of the benchmark, as `results/latest.json` stores it. */
export interface BenchRun {
  readonly schema: 'uami.bench/1'
  /** ISO date-time of the start. */
  readonly date: string
  readonly command: string
  readonly durationSeconds: number
  readonly quick: boolean
  readonly measurements: readonly MeasurementId[]
  readonly machine: MachineInfo
  /** Whether every target held (the exit code is 0 only then). */
  readonly passed: boolean
  readonly sections: readonly Section[]
}

/** Whether a run covers every measurement at full length: only such a run replaces `latest.*`. */
export function isFullRun(run: BenchRun, all: readonly MeasurementId[]): boolean {
  return !run.quick && all.every((id) => run.measurements.includes(id))
}

/**
 * One line of `results/history.jsonl`: when, on what, whether it passed, and every metric's value by ID.
 *
 * @param run - The run.
 * @returns The line, without its newline.
 */
export function historyLine(run: BenchRun): string {
  const values: Record<string, number | null> = {}
  for (const section of run.sections) for (const metric of section.metrics) values[metric.id] = metric.value
  return JSON.stringify({
    date: run.date,
    commit: run.machine.commit,
    dirty: run.machine.dirty,
    node: run.machine.node,
    cpuCount: run.machine.cpuCount,
    loadAverage: run.machine.loadAverage,
    quick: run.quick,
    measurements: run.measurements,
    passed: run.passed,
    values,
  })
}

/**
 * The run as Markdown (`results/latest.md`): the command, machine, verdict and one table per measurement.
 *
 * @param run - The run.
 * @returns The Markdown document.
 */
export function renderMarkdown(run: BenchRun): string {
  const m = run.machine
  const failed = run.sections
    .flatMap((section) => section.metrics)
    .filter((metric) => metric.verdict === 'fail')
  return [
    '# uami benchmark — latest full run',
    '',
    `\`${run.command}\` on ${run.date} (${run.durationSeconds} s), commit \`${m.commit}\`${m.dirty ? ' with uncommitted changes' : ''}.`,
    '',
    `Machine: Node.js ${m.node}, ${m.platform}, ${m.cpuCount} × ${m.cpuModel}, ${m.memoryGb} GB.`,
    '',
    describeLoad(m),
    '',
    run.passed
      ? '**Every target met.**'
      : `**${failed.length} target(s) missed:** ${failed.map((metric) => metric.label).join('; ')}.`,
    '',
    renderMarkdownTable(run.sections),
    '',
  ].join('\n')
}

/**
 * The load average of a run in words: above the CPU count, other work competed for the CPUs.
 *
 * @param machine - The machine of the run.
 * @returns One sentence.
 */
export function describeLoad(machine: MachineInfo): string {
  const { start, end } = machine.loadAverage
  const busiest = Math.max(start, end ?? start)
  const figures = `1-minute load average ${start} at the start, ${end ?? '?'} at the end`
  return busiest > machine.cpuCount
    ? `${figures}: above the ${machine.cpuCount} CPUs, so other work competed with the measurements and the times are inflated.`
    : `${figures}: no more than the ${machine.cpuCount} CPUs.`
}

/**
 * Writes the run: appends it to `history.jsonl`, and for a full run replaces `latest.json`, `latest.md` and the
 * ratio chart `ratios.svg`.
 *
 * @param dir - The results folder.
 * @param run - The run.
 * @param full - Whether it is a full run.
 * @returns The files written.
 */
export async function writeResults(dir: string, run: BenchRun, full: boolean): Promise<string[]> {
  await mkdir(dir, { recursive: true })
  const written = [join(dir, 'history.jsonl')]
  await appendFile(written[0] as string, `${historyLine(run)}\n`)
  if (full) {
    const json = join(dir, 'latest.json')
    const markdown = join(dir, 'latest.md')
    await writeFile(json, `${JSON.stringify(run, null, 2)}\n`)
    await writeFile(markdown, renderMarkdown(run))
    written.push(json, markdown)
    const chart = renderRatioChart(
      run.sections,
      `uami benchmark ratios — ${run.date.slice(0, 10)}, Node.js ${run.machine.node}, ${run.machine.cpuCount} CPUs, load ${run.machine.loadAverage.start}`,
    )
    if (chart !== undefined) {
      const svg = join(dir, 'ratios.svg')
      await writeFile(svg, chart)
      written.push(svg)
    }
  }
  return written
}
