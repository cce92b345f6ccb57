import type { Writable } from 'node:stream'
import { noPrompts, type Prompts } from '../engine/prompts.js'
import { isTourError } from '../errors/tour-error.js'
import { ChildProcesses } from '../samples/children.js'
import { runTour, type TourOptions } from '../tour/run-tour.js'
import { clackPrompts } from '../ui/clack-prompts.js'
import { createTourUi } from '../ui/tour-ui.js'
import type { TourArgs } from './args.js'

/** Whether `CI` says this is a CI run (`true`, `1`, or any value but `false`/`0`). */
export function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env.CI?.trim().toLowerCase()
  return value !== undefined && value !== '' && value !== 'false' && value !== '0'
}

/** How the tour talks to this process's terminal, if any. */
export interface TourTerminal {
  /** A human can answer: stdin and stdout are terminals and this is not CI. */
  canAsk: boolean
  /** Ask before each step: `canAsk` and no `--yes`. */
  interactive: boolean
}

/**
 * Decides whether the tour may ask questions. Without a TTY on stdin or stdout, with `CI` set, the tour never asks
 * (it must never wait for input there); `--yes` runs every step without asking even in a terminal.
 *
 * @example
 * ```ts
 * terminalMode({ stdinTty: false, stdoutTty: true, env: {}, yes: false }) // { canAsk: false, interactive: false }
 * ```
 */
export function terminalMode(input: {
  stdinTty: boolean
  stdoutTty: boolean
  env: Readonly<Record<string, string | undefined>>
  yes: boolean
}): TourTerminal {
  const canAsk = input.stdinTty && input.stdoutTty && !isCi(input.env)
  return { canAsk, interactive: canAsk && !input.yes }
}

/**
 * `uami [tour]`: runs the tour in this process, with the terminal's prompts when there is one. Ctrl-C or SIGTERM
 * aborts the current step, stops every sample by PID and the emulator, and saves progress (exit code 130); a
 * second Ctrl-C kills the samples at once.
 *
 * @returns The exit code: 0 when every verify passed.
 */
export async function tourCommand(
  args: TourArgs,
  output: Writable,
  overrides: Partial<TourOptions> = {},
): Promise<number> {
  const mode = terminalMode({
    stdinTty: process.stdin.isTTY === true,
    stdoutTty: process.stdout.isTTY === true,
    env: process.env,
    yes: args.yes,
  })
  const ui = overrides.ui ?? createTourUi(output, mode.interactive ? 'pretty' : 'plain')
  const prompts: Prompts = overrides.prompts ?? (mode.canAsk ? clackPrompts() : noPrompts)
  const controller = new AbortController()
  const children = overrides.children ?? new ChildProcesses()
  let received = 0
  const onSignal = (name: NodeJS.Signals) => {
    received++
    if (received > 1) {
      children.killAllNow()
      process.exit(130)
    }
    ui.warn(`${name}: stopping the samples and the emulator. Your progress is saved.`)
    controller.abort()
    void children.stopAll(1500)
  }
  const onExit = () => children.killAllNow()
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  process.on('exit', onExit)
  try {
    const result = await runTour({
      args,
      ui,
      prompts,
      interactive: mode.interactive,
      canAsk: mode.canAsk,
      signal: controller.signal,
      cwd: process.cwd(),
      env: process.env,
      children,
      ...overrides,
    })
    // A signal that lands after the last step checked it still means "stopped by the user".
    if (controller.signal.aborted) return 130
    return result.ok ? 0 : 1
  } catch (error) {
    if (isTourError(error, 'UAMI_TOUR_CANCELLED')) {
      ui.warn(error.message)
      return error.exitCode
    }
    throw error
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    process.off('exit', onExit)
  }
}
