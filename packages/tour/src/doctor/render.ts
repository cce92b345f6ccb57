import type { Style } from '../ui/style.js'
import type { DoctorReport } from './report.js'

/**
 * Renders a doctor report for a terminal: one ✔/✖/– line per check, and for a failure its code, the fix command
 * and any hint.
 *
 * @example
 * ```ts
 * process.stdout.write(renderDoctorReport(await runDoctor(), styleFor(process.stdout)))
 * ```
 */
export function renderDoctorReport(report: DoctorReport, style: Style): string {
  const lines: string[] = []
  const where = report.host
    ? `${report.host.kind}${report.host.markers.length ? ` (${report.host.markers.join(', ')})` : ''}`
    : 'unknown host'
  lines.push(style.bold(`uami doctor — ${where}`))
  const width = Math.max(...report.checks.map((check) => check.title.length))
  for (const check of report.checks) {
    const mark =
      check.status === 'pass' ? style.green('✔') : check.status === 'fail' ? style.red('✖') : style.dim('–')
    const title = check.title.padEnd(width)
    lines.push(
      `${mark} ${check.status === 'skip' ? style.dim(title) : title}  ${check.status === 'skip' ? style.dim(check.summary) : check.summary}`,
    )
    if (check.status === 'fail') {
      if (check.code)
        lines.push(`    ${style.dim('code:')} ${check.code}${check.diagnosis ? ` (${check.diagnosis})` : ''}`)
      if (check.fix) lines.push(`    ${style.yellow('fix:')}  ${check.fix}`)
    }
    if (check.hint) lines.push(`    ${style.dim('hint:')} ${check.hint}`)
  }
  lines.push(
    report.ok
      ? style.green('All checks passed.')
      : style.red('The first ✖ is the link to fix; the checks after it depend on it.'),
  )
  return `${lines.join('\n')}\n`
}
