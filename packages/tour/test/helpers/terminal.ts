import { stripVTControlCharacters } from 'node:util'
import { execa } from 'execa'

/**
 * Characters a terminal draws two columns wide (East Asian wide and fullwidth, emoji). The tour prints none, so
 * that a line's width is its number of code points; a test asserts it.
 */
export const WIDE_CHARACTER =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1faff}]/u

/**
 * What a terminal was sent, cut where the terminal starts drawing at column 0 again: at each line feed and each
 * carriage return (the spinner redraws its line after `\r`), escape sequences removed.
 */
export function drawnSegments(raw: string): string[] {
  return stripVTControlCharacters(raw)
    .split('\n')
    .flatMap((line) => line.split('\r'))
}

/** The lines as they stay on the screen: for each line, what was drawn last (after its last `\r`). */
export function screenLines(raw: string): string[] {
  return stripVTControlCharacters(raw)
    .split('\n')
    .map((line) => {
      const parts = line.split('\r').filter((part) => part !== '')
      return parts.at(-1) ?? ''
    })
}

/**
 * Whether `text` is an unfinished command line: a quote still open, or a trailing backslash that continues it on
 * the next line. (Enough shell for our commands: quotes, backslashes and `$(…)` inside double quotes.)
 */
function unfinished(text: string): boolean {
  // The open contexts: a single quote, a double quote, or a command substitution `$(`.
  const open: ("'" | '"' | ')')[] = []
  for (let index = 0; index < text.length; index++) {
    const character = text[index]
    const context = open.at(-1)
    if (context === "'") {
      if (character === "'") open.pop()
      continue
    }
    if (character === '\\') {
      if (index === text.length - 1) return true
      index++
    } else if (character === '$' && text[index + 1] === '(') {
      open.push(')')
      index++
    } else if (context === '"') {
      if (character === '"') open.pop()
    } else if (character === '"' || character === "'") open.push(character)
    else if (context === ')' && character === ')') open.pop()
  }
  return open.length > 0
}

/**
 * The commands printed on `lines` that start with `start` (e.g. `az `), each with its continuation lines: a line
 * ending in `\` goes on on the next one, and so does a quote left open. Returns them as typed (continuations kept)
 * and joined — backslash-newline removed, as the shell does.
 */
export function printedCommands(
  lines: readonly string[],
  start: RegExp,
): { typed: string; joined: string; firstLine: number; lastLine: number }[] {
  const found: { typed: string; joined: string; firstLine: number; lastLine: number }[] = []
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? ''
    if (!start.test(line)) continue
    const first = index
    let typed = line.trimStart()
    while (unfinished(typed) && index + 1 < lines.length) {
      index++
      typed += `\n${lines[index] ?? ''}`
    }
    found.push({ typed, joined: typed.replace(/\\\n/g, ''), firstLine: first, lastLine: index })
  }
  return found
}

/**
 * Asks bash what `command` is, without running anything: `az` is a shell function that reports the arguments of
 * each top-level call (calls inside `$(…)` run in a subshell and report nothing), `PATH` leads nowhere, so no
 * program can start. Returns the argument lists of the top-level `az` calls, and bash's syntax check.
 */
export async function parseWithBash(command: string): Promise<{ syntaxOk: boolean; calls: string[][] }> {
  const env = { PATH: '/nonexistent', LC_ALL: 'C' }
  const syntax = await execa('/bin/bash', ['--noprofile', '--norc', '-n', '-c', command], {
    env,
    extendEnv: false,
    reject: false,
  })
  const report = [
    'az() { if [ "$BASH_SUBSHELL" -eq 0 ]; then printf "CALL"; printf "\\037%s" "$@"; printf "\\036"; fi; }',
    command,
  ].join('\n')
  const run = await execa('/bin/bash', ['--noprofile', '--norc', '-c', report], {
    env,
    extendEnv: false,
    reject: false,
  })
  const calls = String(run.stdout)
    .split('\u001e')
    .filter((entry) => entry.startsWith('CALL'))
    .map((entry) => entry.split('\u001f').slice(1))
  return {
    syntaxOk: syntax.exitCode === 0 && run.exitCode === 0 && String(run.stderr) === '',
    calls: calls.map((args) => ['az', ...args]),
  }
}
