import { renderFixText } from '../ui/fix-text.js'
import type { Style } from '../ui/style.js'
import { wrapText } from '../ui/wrap.js'

/**
 * Lays out what a sample answered (its `/readyz` body) for `width` columns: the error's code, its message (what
 * failed and why) and its fix (the commands on lines of their own, broken only where the shell joins them back),
 * then the retry state. A body of another shape is shown as indented JSON.
 */
export function renderAnswer(body: unknown, style: Style, width: number | undefined): string[] {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : undefined
  const error = record?.error
  if (typeof error !== 'object' || error === null) {
    const json = typeof body === 'string' ? body : JSON.stringify(body, null, 2)
    return wrapText(json.replace(/^/gm, '  '), width).split('\n')
  }
  const { code, message, fix } = error as Record<string, unknown>
  const lines: string[] = []
  if (typeof code === 'string') lines.push(`  ${style.dim('code:')}    ${code}`)
  if (typeof message === 'string') {
    lines.push(`  ${style.dim('message:')}`)
    lines.push(...wrapText(`    ${message}`, width).split('\n'))
  }
  if (typeof fix === 'string') {
    lines.push(`  ${style.yellow('fix:')}`)
    lines.push(...renderFixText(fix, width, '    ', style.cyan))
  }
  const attempts = record?.attempts
  const next = record?.nextAttemptAt
  if (typeof attempts === 'number')
    lines.push(
      `  ${style.dim(`attempts: ${attempts}${typeof next === 'string' ? `, next at ${next}` : ''} (the sample retries on its own)`)}`,
    )
  return lines
}
