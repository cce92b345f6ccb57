import type { Writable } from 'node:stream'
import { stripVTControlCharacters } from 'node:util'

/** The narrowest layout the tour uses: a terminal narrower than this gets the 80-column layout anyway. */
export const MIN_COLUMNS = 80

const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200b-\u200f\u2060\ufeff]/u
const WIDE =
  /[\u1100-\u115f\u231a\u231b\u2329\u232a\u23e9-\u23ec\u23f0\u23f3\u25fd\u25fe\u2614\u2615\u2648-\u2653\u267f\u2693\u26a1\u26aa\u26ab\u26bd\u26be\u26c4\u26c5\u26ce\u26d4\u26ea\u26f2\u26f3\u26f5\u26fa\u26fd\u2705\u270a\u270b\u2728\u274c\u274e\u2753-\u2755\u2757\u2795-\u2797\u27b0\u27bf\u2b1b\u2b1c\u2b50\u2b55\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f680}-\u{1f6ff}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u

/**
 * How many terminal columns `text` takes: escape sequences take none, combining marks none, East Asian wide
 * characters and emoji two, everything else one.
 *
 * @example
 * ```ts
 * displayWidth('\x1b[32m✔\x1b[39m done') // 6
 * ```
 */
export function displayWidth(text: string): number {
  let width = 0
  for (const character of stripVTControlCharacters(text)) {
    if (ZERO_WIDTH.test(character)) continue
    width += WIDE.test(character) ? 2 : 1
  }
  return width
}

/**
 * The width the tour lays its output out for: the terminal's columns, at least {@link MIN_COLUMNS}; `undefined`
 * when `output` is no terminal (logs and pipes get unwrapped lines).
 *
 * @example
 * ```ts
 * const width = layoutWidth(process.stdout) // 120 in a 120-column terminal, 80 in a 60-column one
 * ```
 */
export function layoutWidth(output: Writable): number | undefined {
  const tty = output as { isTTY?: boolean; columns?: number }
  if (tty.isTTY !== true) return undefined
  return Math.max(MIN_COLUMNS, tty.columns ?? MIN_COLUMNS)
}
