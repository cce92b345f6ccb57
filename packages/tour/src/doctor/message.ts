/**
 * A coded error's message without its trailing fix sentence (the report shows the fix on its own line), so the
 * same command is not printed twice.
 *
 * @example
 * ```ts
 * whatAndWhy('X is not set. Set it: export X=1', 'Set it: export X=1') // 'X is not set.'
 * ```
 */
export function whatAndWhy(message: string, fix: string | undefined): string {
  if (!fix) return message
  const trimmed = message.trimEnd()
  return trimmed.endsWith(fix) ? trimmed.slice(0, -fix.length).trimEnd() || message : message
}
