import type { Writable } from 'node:stream'
import type { Style } from './style.js'

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
  let current = text
  let frame = 0
  const started = Date.now()
  const draw = () => {
    const seconds = Math.floor((Date.now() - started) / 1000)
    const elapsed = seconds >= 2 ? style.dim(` ${seconds}s`) : ''
    output.write(`\r\x1b[2K${style.cyan(FRAMES[frame % FRAMES.length] ?? '•')}  ${current}${elapsed}`)
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
