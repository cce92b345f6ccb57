/**
 * Formats variables as dotenv lines that both `node --env-file` and a POSIX shell (`set -a; . file`) read back
 * unchanged: plain values as is, others in single quotes (double quotes when the value holds a single quote).
 */
export function formatDotenv(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([name, value]) => `${name}=${quote(value)}\n`)
    .join('')
}

/** Quotes a value for a POSIX shell command line (used for paths in the printed commands). */
export function shellQuote(value: string): string {
  return quote(value)
}

function quote(value: string): string {
  if (/^[\w./:@+,%=-]*$/.test(value)) return value
  if (!value.includes("'") && !value.includes('\n')) return `'${value}'`
  return `"${value.replace(/[\\"$`]/g, (c) => `\\${c}`).replace(/\n/g, '\\n')}"`
}
