import type { Writable } from 'node:stream'
import { intro, log, note, outro } from '@clack/prompts'
import type { StepOutcome } from '../engine/step.js'
import { renderMarkdown } from './markdown.js'
import { startSpinner } from './spinner.js'
import { type Style, styleFor } from './style.js'

/**
 * Everything the tour prints. `pretty` is the interactive terminal (clack's guide lines, spinners, explanations);
 * `plain` is one line per step for logs and CI.
 */
export interface TourUi {
  readonly style: Style
  /** `pretty` shows explanations and az commands; `plain` shows one line per step. */
  readonly mode: 'pretty' | 'plain'
  intro(title: string): void
  outro(message: string): void
  heading(text: string): void
  /**
   * Shows a step before it runs (pretty only): its number, title, explanation, the commands that do it by hand —
   * labelled "Azure CLI equivalent" when they are all `az` commands, "Run it yourself" otherwise — and the
   * labelled lines where the local run differs.
   */
  stepHeader(
    position: string,
    title: string,
    explanation: string,
    commands: readonly string[],
    local: readonly string[],
  ): void
  /** Runs `work` under a spinner (pretty) and returns its result. */
  task<T>(message: string, work: (progress: (message: string) => void) => Promise<T>): Promise<T>
  /** Shows how a step went. `scope` names the sample (plain mode prefixes it). */
  outcome(outcome: StepOutcome, scope: string): void
  info(text: string): void
  success(text: string): void
  warn(text: string): void
  error(text: string): void
  /** Commands to copy: printed bare, one per line, never boxed or wrapped. */
  commands(title: string, commands: readonly string[]): void
  /** A titled block: a note box (pretty) or indented lines (plain). */
  block(title: string, body: string): void
  /** Raw text, as it is. */
  raw(text: string): void
}

/**
 * Creates the tour's output for a stream.
 *
 * @param output - Usually `process.stdout`.
 * @param mode - `pretty` in an interactive terminal, `plain` otherwise.
 * @example
 * ```ts
 * const ui = createTourUi(process.stdout, interactive ? 'pretty' : 'plain')
 * ui.intro('uami')
 * ```
 */
export function createTourUi(output: Writable, mode: 'pretty' | 'plain'): TourUi {
  const style = styleFor(output)
  const write = (text: string) => output.write(`${text}\n`)
  const opts = { output }
  if (mode === 'plain') {
    return {
      style,
      mode,
      intro: (title) => write(title),
      outro: (message) => write(message),
      heading: (text) => write(`\n${style.bold(text)}`),
      stepHeader() {},
      task: (_message, work) => work(() => {}),
      outcome(outcome, scope) {
        const mark = outcome.status === 'failed' ? style.red('✖') : style.green('✔')
        const seconds = (outcome.ms / 1000).toFixed(1)
        const what =
          outcome.status === 'failed'
            ? failureText(outcome)
            : (outcome.verify?.summary ?? outcome.result ?? '')
        write(`${mark} ${scope ? `[${scope}] ` : ''}${outcome.title} — ${what} ${style.dim(`(${seconds}s)`)}`)
        if (outcome.status !== 'failed')
          for (const detail of outcome.verify?.details ?? []) write(style.dim(`    ${detail}`))
      },
      info: (text) => write(text),
      success: (text) => write(`${style.green('✔')} ${text}`),
      warn: (text) => write(`${style.yellow('!')} ${text}`),
      error: (text) => write(`${style.red('✖')} ${text}`),
      commands(title, commands) {
        write(`${title}:`)
        for (const command of commands) write(command)
      },
      block: (title, body) => write(`${title}\n${indent(body)}`),
      raw: (text) => write(text),
    }
  }
  // Printed bare (no guide, no box, no wrapping) so that the commands copy and paste as they are.
  const printCommands = (title: string, commands: readonly string[]) => {
    log.info(`${title}:`, opts)
    for (const command of commands) write(style.cyan(command))
  }
  return {
    style,
    mode,
    intro: (title) => intro(style.bold(title), opts),
    outro: (message) => outro(message, opts),
    heading: (text) => log.step(style.bold(text), opts),
    stepHeader(position, title, explanation, commands, local) {
      log.step(`${style.dim(position)} ${style.bold(title)}`, opts)
      log.message(renderMarkdown(explanation, style), opts)
      if (commands.length > 0) printCommands(commandsLabel(commands), commands)
      if (local.length > 0) log.message(local.map((line) => style.dim(line)).join('\n'), opts)
    },
    async task(message, work) {
      const spinner = startSpinner(output, style, message)
      try {
        return await work((next) => spinner.message(next))
      } finally {
        spinner.stop()
      }
    },
    outcome(outcome) {
      const seconds = style.dim(`${(outcome.ms / 1000).toFixed(1)}s`)
      if (outcome.status === 'failed') {
        log.error(`${outcome.title} — ${failureText(outcome)} ${seconds}`, opts)
        return
      }
      const lines = [`${outcome.result ?? ''} ${seconds}`]
      if (outcome.verify) {
        lines.push(`${style.green('verified:')} ${outcome.verify.summary}`)
        for (const detail of outcome.verify.details ?? []) lines.push(style.dim(`  ${detail}`))
      }
      log.success(lines.join('\n'), opts)
    },
    info: (text) => log.info(text, opts),
    success: (text) => log.success(text, opts),
    warn: (text) => log.warn(text, opts),
    error: (text) => log.error(text, opts),
    commands: (title, commands) => printCommands(title, commands),
    block: (title, body) => note(body, title, { ...opts, format: (line) => line }),
    raw: (text) => write(text),
  }
}

/** "Azure CLI equivalent" for `az` commands only; anything else (curl, uami doctor) is "Run it yourself". */
export function commandsLabel(commands: readonly string[]): string {
  return commands.every((command) => command.startsWith('az ')) ? 'Azure CLI equivalent' : 'Run it yourself'
}

function failureText(outcome: StepOutcome): string {
  if (outcome.error !== undefined) {
    const error = outcome.error as { code?: unknown; message?: unknown }
    const code = typeof error.code === 'string' ? `${error.code}: ` : ''
    return `${code}${typeof error.message === 'string' ? error.message : String(outcome.error)}`
  }
  return outcome.verify?.summary ?? 'failed'
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n')
}
