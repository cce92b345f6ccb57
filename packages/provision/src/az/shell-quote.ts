const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/
const DOUBLE_QUOTE_SAFE = /^[^"$`\\!]*$/

/**
 * Quotes one argument for a POSIX shell (sh, bash, zsh) so it reaches the program unchanged: bare when it only
 * has safe characters, in double quotes when that is safe (no `"`, `$`, backquote, `\` or `!`), otherwise in
 * single quotes with embedded `'` written as `'\''`.
 *
 * @example
 * ```ts
 * shellQuote('rg-uami')                        // rg-uami
 * shellQuote('App Configuration Data Reader')  // "App Configuration Data Reader"
 * shellQuote("it's $HOME")                     // 'it'\''s $HOME'
 * ```
 */
export function shellQuote(value: string): string {
  if (value === '') return "''"
  if (SAFE.test(value) && !value.startsWith('~') && !value.startsWith('=')) return value
  if (DOUBLE_QUOTE_SAFE.test(value)) return `"${value}"`
  return `'${value.replaceAll("'", `'\\''`)}'`
}

/**
 * Renders a command line from its argument vector, quoting each argument with {@link shellQuote}.
 *
 * @example
 * ```ts
 * renderCommand(['az', 'group', 'create', '-n', 'rg uami']) // az group create -n "rg uami"
 * ```
 */
export function renderCommand(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ')
}

/** An argument written as-is (our own constants that need shell expansion, e.g. `~/.ssh/id_ed25519.pub`). */
export interface RawArgument {
  raw: string
}

/** {@link renderCommand} that also takes {@link RawArgument}s. Internal: callers never pass user values raw. */
export function renderArgv(argv: readonly (string | RawArgument)[]): string {
  return argv.map((arg) => (typeof arg === 'string' ? shellQuote(arg) : arg.raw)).join(' ')
}
