import type { Writable } from 'node:stream'
import type { Style } from './style.js'
import { displayWidth, layoutWidth } from './width.js'

const FRAMES = ['◒', '◐', '◓', '◑']

/** A one-line spinner that never touches stdin (so Ctrl-C reaches the tour as SIGINT and stops it cleanly). */
export interface Spinner {
  message(text: string): void
  stop(): void
}

/**
 * Starts a spinner on `output` when it is a terminal; elsewhere it stays silent (the outcome line follows).
 *
 * @example
 * ```ts
 * const spin = startSpinner(process.stdout, style, 'Creating the identity')
 * await work()
 * spin.stop()
 * ```
 */
export function startSpinner(output: Writable, style: Style, text: string): Spinner {
  if ((output as { isTTY?: boolean }).isTTY !== true) return { message() {}, stop() {} }
  const width = layoutWidth(output) ?? 80
  let current = text
  let frame = 0
  const started = Date.now()
  const draw = () => {
    const seconds = Math.floor((Date.now() - started) / 1000)
    // The elapsed time is the spinner's alone: progress messages never carry their own.
    const elapsed = seconds >= 2 ? ` ${seconds}s` : ''
    // One line, always: a longer one would wrap, and the next frame would redraw only its last part.
    const shown = truncate(current, width - 4 - elapsed.length)
    output.write(
      `\r\x1b[2K${style.cyan(FRAMES[frame % FRAMES.length] ?? '•')}  ${shown}${style.dim(elapsed)}`,
    )
    frame++
  }
  draw()
  const timer = setInterval(draw, 100)
  timer.unref()
  return {
    message(next) {
      current = next
    },
    stop() {
      clearInterval(timer)
      output.write('\r\x1b[2K')
    },
  }
}

/** `text` cut to `width` columns, with `…` when cut. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text
  let result = ''
  for (const character of text) {
    if (displayWidth(`${result}${character}…`) > width) break
    result += character
  }
  return `${result}…`
}
