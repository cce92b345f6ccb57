/** One choice of a {@link Prompts.select}. */
export interface Choice<T extends string> {
  value: T
  label: string
  hint?: string | undefined
}

/**
 * How the tour asks questions. The terminal uses @clack/prompts; tests inject scripted answers; without a
 * terminal the tour uses {@link noPrompts}, which refuses to ask (the tour must never wait for input there).
 * A cancelled prompt (Ctrl-C, Escape) throws {@link CancelledError}.
 */
export interface Prompts {
  select<T extends string>(options: {
    message: string
    choices: readonly Choice<T>[]
    initial?: T | undefined
  }): Promise<T>
  confirm(options: { message: string; initial?: boolean | undefined }): Promise<boolean>
}

/**
 * The prompts of a run without a terminal: any question is a bug, so it throws instead of waiting for input.
 *
 * @example
 * ```ts
 * const prompts = interactive ? clackPrompts() : noPrompts
 * ```
 */
export const noPrompts: Prompts = {
  select({ message }) {
    return Promise.reject(new Error(`Internal error: the tour asked "${message}" without a terminal.`))
  },
  confirm({ message }) {
    return Promise.reject(new Error(`Internal error: the tour asked "${message}" without a terminal.`))
  },
}
