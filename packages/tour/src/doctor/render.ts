import { renderFixText } from '../ui/fix-text.js'
import type { Style } from '../ui/style.js'
import { displayWidth } from '../ui/width.js'
import { wrapText } from '../ui/wrap.js'
import type { DoctorReport } from './report.js'

/**
 * Renders a doctor report for a terminal of `width` columns: a ✔/✖/– line per check — title and summary side by
 * side when that fits, the summary under the title otherwise — and for a failure its code, the fix (each command
 * on lines of its own, broken only where the shell joins it back) and any hint. Without a width nothing wraps.
 *
 * @example
 * ```ts
 * process.stdout.write(renderDoctorReport(await runDoctor(), styleFor(process.stdout), layoutWidth(process.stdout)))
 * ```
 */
export function renderDoctorReport(report: DoctorReport, style: Style, width?: number | undefined): string {
  const lines: string[] = []
  const where = report.host
    ? `${report.host.kind}${report.host.markers.length ? ` (${report.host.markers.join(', ')})` : ''}`
    : 'unknown host'
  lines.push(...wrapText(`uami doctor — ${where}`, width).split('\n').map(style.bold))
  const titleWidth = Math.max(...report.checks.map((check) => check.title.length))
  const sideBySide =
    width === undefined ||
    report.checks.every((check) => 2 + titleWidth + 2 + displayWidth(check.summary) <= width)
  for (const check of report.checks) {
    const mark =
      check.status === 'pass' ? style.green('✔') : check.status === 'fail' ? style.red('✖') : style.dim('–')
    const paint = check.status === 'skip' ? style.dim : (text: string) => text
    if (sideBySide) {
      lines.push(`${mark} ${paint(check.title.padEnd(titleWidth))}  ${paint(check.summary)}`)
    } else {
      lines.push(`${mark} ${paint(check.title)}`)
      lines.push(...wrapText(`    ${check.summary}`, width, paint).split('\n'))
    }
    if (check.status === 'fail') {
      if (check.code)
        lines.push(`    ${style.dim('code:')} ${check.code}${check.diagnosis ? ` (${check.diagnosis})` : ''}`)
      if (check.fix) {
        lines.push(`    ${style.yellow('fix:')}`)
        lines.push(...renderFixText(check.fix, width, '      ', style.cyan))
      }
    }
    if (check.hint) {
      lines.push(`    ${style.dim('hint:')}`)
      lines.push(...renderFixText(check.hint, width, '      '))
    }
  }
  lines.push(
    ...wrapText(
      report.ok ? 'All checks passed.' : 'The first ✖ is the link to fix; the checks after it depend on it.',
      width,
      report.ok ? style.green : style.red,
    ).split('\n'),
  )
  return `${lines.join('\n')}\n`
}
