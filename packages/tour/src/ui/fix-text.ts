import { wrapCommand } from './command-wrap.js'
import { wrapText } from './wrap.js'

/** A line of a fix text that is a command to run (the error texts put each command on a line of its own). */
const COMMAND = /^(?:az|curl|npx|uami|node|sudo|sudoedit|export|systemctl)\s|^\(set -a /

/** Whether a line (without its indentation) is a command to copy. */
export function isCommandLine(line: string): boolean {
  return COMMAND.test(line.trimStart())
}

/**
 * Lays out a fix text — sentences, and commands on lines of their own — under `indent` in `width` columns: the
 * sentences wrap, each command is broken only where the shell joins it back ({@link wrapCommand}), so that it
 * still runs when copied. `paintCommand` colours the command lines.
 *
 * @example
 * ```ts
 * renderFixText('Attach the identity to the host, then retry:\naz webapp identity assign …', 80, '    ')
 * ```
 */
export function renderFixText(
  text: string,
  width: number | undefined,
  indent = '',
  paintCommand: (line: string) => string = (line) => line,
): string[] {
  return text.split('\n').flatMap((line) => {
    const trimmed = line.trim()
    if (trimmed === '') return []
    if (isCommandLine(trimmed)) return wrapCommand(trimmed, width, indent).map(paintCommand)
    return wrapText(`${indent}${trimmed}`, width).split('\n')
  })
}
