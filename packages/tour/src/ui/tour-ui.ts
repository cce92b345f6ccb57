import type { Writable } from 'node:stream'
import { intro, log, note, outro } from '@clack/prompts'
import type { StepOutcome } from '../engine/step.js'
import { wrapCommand } from './command-wrap.js'
import { renderMarkdown } from './markdown.js'
import { startSpinner } from './spinner.js'
import { type Style, styleFor } from './style.js'
import { layoutWidth } from './width.js'
import { wrapText } from './wrap.js'

/**
 * Everything the tour prints. `pretty` is the interactive terminal (clack's guide lines, spinners, explanations);
 * `plain` is one line per step for logs and CI. In a terminal every line fits its width (at least 80 columns):
 * text wraps, tables reflow or become lists, and commands break only where the shell joins them back.
 */
export interface TourUi {
  readonly style: Style
  /** `pretty` shows explanations and az commands; `plain` shows one line per step. */
  readonly mode: 'pretty' | 'plain'
  /** The columns output is laid out for; `undefined` when it is no terminal (lines are not wrapped). */
  readonly width: number | undefined
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
  /**
   * Commands to copy: printed bare (no guide line, no box), each starting at column 0 and broken only between
   * words with a trailing ` \` (or inside a long resource ID with a trailing `\`), so that a copy still runs.
   */
  commands(title: string, commands: readonly string[]): void
  /** A titled block of text (already laid out for `width - 6` when it has a width): a note box (pretty) or indented lines (plain). */
  block(title: string, body: string): void
  /** Raw text, as it is (callers lay it out for `width`). */
  raw(text: string): void
}

/**
 * Creates the tour's output for a stream.
 *
 * @param output - Usually `process.stdout`.
 * @param mode - `pretty` in an interactive terminal, `plain` otherwise.
 * @param width - The columns to lay out for. Default: `output`'s ({@link layoutWidth}).
 * @example
 * ```ts
 * const ui = createTourUi(process.stdout, interactive ? 'pretty' : 'plain')
 * ui.intro('uami')
 * ```
 */
export function createTourUi(
  output: Writable,
  mode: 'pretty' | 'plain',
  width: number | undefined = layoutWidth(output),
): TourUi {
  const style = styleFor(output)
  const write = (text: string) => output.write(`${text}\n`)
  const opts = { output }
  // clack's guide takes three columns ("│  ").
  const inner = width === undefined ? undefined : width - 3
  const wrap = (text: string, paint?: (line: string) => string) => wrapText(text, inner, paint)
  const commandLines = (command: string) => wrapCommand(command, width)
  if (mode === 'plain') {
    const wrapPlain = (text: string) => wrapText(text, width)
    return {
      style,
      mode,
      width,
      intro: (title) => write(wrapPlain(title)),
      outro: (message) => write(wrapPlain(message)),
      heading: (text) => write(`\n${style.bold(wrapPlain(text))}`),
      stepHeader() {},
      task: (_message, work) => work(() => {}),
      outcome(outcome, scope) {
        const mark = outcome.status === 'failed' ? style.red('✖') : style.green('✔')
        const seconds = (outcome.ms / 1000).toFixed(1)
        const what =
          outcome.status === 'failed'
            ? failureText(outcome)
            : (outcome.verify?.summary ?? outcome.result ?? '')
        const line = `${scope ? `[${scope}] ` : ''}${outcome.title} — ${what} (${seconds}s)`
        write(
          `${mark} ${wrapText(line, width === undefined ? undefined : width - 2).replaceAll('\n', '\n  ')}`,
        )
        if (outcome.status !== 'failed')
          for (const detail of outcome.verify?.details ?? [])
            write(wrapText(`    ${detail}`, width, style.dim))
      },
      info: (text) => write(wrapPlain(text)),
      success: (text) =>
        write(`${style.green('✔')} ${wrapText(text, width && width - 2).replaceAll('\n', '\n  ')}`),
      warn: (text) =>
        write(`${style.yellow('!')} ${wrapText(text, width && width - 2).replaceAll('\n', '\n  ')}`),
      error: (text) =>
        write(`${style.red('✖')} ${wrapText(text, width && width - 2).replaceAll('\n', '\n  ')}`),
      commands(title, commands) {
        write(`${title}:`)
        for (const command of commands) write(commandLines(command).join('\n'))
      },
      block: (title, body) => write(`${title}\n${wrapText(indent(body), width)}`),
      raw: (text) => write(text),
    }
  }
  // Printed bare (no guide, no box) so that the commands copy and paste as they are.
  const printCommands = (title: string, commands: readonly string[]) => {
    log.info(wrap(`${title}:`), opts)
    for (const command of commands) write(commandLines(command).map(style.cyan).join('\n'))
  }
  const done = (text: string) => log.message(text, { ...opts, symbol: style.green('✔') })
  return {
    style,
    mode,
    width,
    intro(title) {
      const [first = '', ...rest] = wrap(title).split('\n')
      intro(style.bold(first), opts)
      if (rest.length > 0) log.message(rest.map(style.bold).join('\n'), { ...opts, spacing: 0 })
    },
    outro: (message) => outro(wrap(message), opts),
    heading: (text) => log.step(style.bold(wrap(text)), opts),
    stepHeader(position, title, explanation, commands, local) {
      log.step(wrap(`${style.dim(position)} ${style.bold(title)}`), opts)
      log.message(renderMarkdown(explanation, style, inner), opts)
      if (commands.length > 0) printCommands(commandsLabel(commands), commands)
      if (local.length > 0) log.message(wrap(local.join('\n'), style.dim), opts)
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
      const seconds = `${(outcome.ms / 1000).toFixed(1)}s`
      if (outcome.status === 'failed') {
        log.error(wrap(`${outcome.title} — ${failureText(outcome)} ${seconds}`), opts)
        return
      }
      const lines = [wrap(`${outcome.result ?? ''} ${seconds}`)]
      if (outcome.verify) {
        lines.push(
          wrap(`verified: ${outcome.verify.summary}`).replace(/^verified:/, style.green('verified:')),
        )
        for (const detail of outcome.verify.details ?? []) lines.push(wrap(`  ${detail}`, style.dim))
      }
      // A finished step gets the finished mark, not the diamond of the prompt that is active.
      done(lines.join('\n'))
    },
    info: (text) => log.info(wrap(text), opts),
    success: (text) => done(wrap(text)),
    warn: (text) => log.warn(wrap(text), opts),
    error: (text) => log.error(wrap(text), opts),
    commands: (title, commands) => printCommands(title, commands),
    block: (title, body) =>
      note(wrapText(body, width === undefined ? undefined : width - 6), wrap(title), {
        ...opts,
        format: (line) => line,
      }),
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
