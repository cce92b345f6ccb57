/**
 * Replaces placeholder tokens (e.g. `__IDENTITY_ID__`) in a rendered POSIX command line with a reference to a
 * shell variable that expands in every quoting context: `"$VAR"` outside quotes, `$VAR` inside double quotes,
 * `'"$VAR"'` inside single quotes. The commands are rendered by `@uami/provision`'s `azCommands` with tokens in
 * place of IDs, so the docs show the very commands the tour runs, with the IDs read into variables.
 *
 * @param command - A command line as `renderCommand` produces it.
 * @param tokens - Token → variable name, e.g. `{ __IDENTITY_ID__: 'IDENTITY_ID' }`.
 * @returns The command line with every token replaced.
 */
export function expandTokens(command: string, tokens: Readonly<Record<string, string>>): string {
  let out = ''
  let state: 'none' | 'single' | 'double' = 'none'
  let i = 0
  while (i < command.length) {
    const token = Object.keys(tokens).find((candidate) => command.startsWith(candidate, i))
    if (token !== undefined) {
      const variable = `$${tokens[token]}`
      out += state === 'none' ? `"${variable}"` : state === 'double' ? variable : `'"${variable}"'`
      i += token.length
      continue
    }
    const char = command.charAt(i)
    if (state === 'none' && char === '\\') {
      out += command.slice(i, i + 2)
      i += 2
      continue
    }
    if (state === 'double' && char === '\\') {
      out += command.slice(i, i + 2)
      i += 2
      continue
    }
    if (char === "'" && state !== 'double') state = state === 'single' ? 'none' : 'single'
    else if (char === '"' && state !== 'single') state = state === 'double' ? 'none' : 'double'
    out += char
    i += 1
  }
  return out
}
