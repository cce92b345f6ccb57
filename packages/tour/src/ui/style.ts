import type { Writable } from 'node:stream'
import { styleText } from 'node:util'

type Format = Parameters<typeof styleText>[0]

/** Colours for one output stream: none when it is not a terminal or `NO_COLOR` is set. */
export interface Style {
  bold(text: string): string
  dim(text: string): string
  italic(text: string): string
  green(text: string): string
  red(text: string): string
  yellow(text: string): string
  cyan(text: string): string
}

/**
 * Styles text for `output`, honouring `NO_COLOR`/`FORCE_COLOR` and whether `output` is a terminal.
 *
 * @example
 * ```ts
 * const style = styleFor(process.stdout)
 * process.stdout.write(style.green('✔ verified\n'))
 * ```
 */
export function styleFor(output: Writable): Style {
  const enabled =
    process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0'
      ? true
      : process.env.NO_COLOR === undefined && (output as { isTTY?: boolean }).isTTY === true
  const paint = (format: Format) => (text: string) =>
    enabled ? styleText(format, text, { validateStream: false }) : text
  return {
    bold: paint('bold'),
    dim: paint('dim'),
    italic: paint('italic'),
    green: paint('green'),
    red: paint('red'),
    yellow: paint('yellow'),
    cyan: paint('cyan'),
  }
}
