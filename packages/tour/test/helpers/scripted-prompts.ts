import type { Prompts } from '../../src/engine/prompts.js'
import { CancelledError } from '../../src/errors/cancelled-error.js'

/** One scripted answer: a value, or `cancel` (what Ctrl-C on a prompt does). */
export type ScriptedAnswer = string | boolean | { cancel: true }

/**
 * Prompts that answer from a script, in order, and record every question. A question the script did not expect
 * (or a select value that is not among the choices) fails the test instead of waiting.
 */
export class ScriptedPrompts implements Prompts {
  readonly asked: string[] = []
  readonly #answers: ScriptedAnswer[]

  constructor(answers: readonly ScriptedAnswer[]) {
    this.#answers = [...answers]
  }

  /** Answers not used yet. */
  get remaining(): number {
    return this.#answers.length
  }

  async select<T extends string>(options: { message: string; choices: readonly { value: T }[] }): Promise<T> {
    const answer = this.#next(options.message)
    if (typeof answer !== 'string' || !options.choices.some((choice) => choice.value === answer)) {
      throw new Error(
        `Scripted answer ${JSON.stringify(answer)} is not a choice of "${options.message}": ${options.choices.map((choice) => choice.value).join(', ')}`,
      )
    }
    return answer as T
  }

  async confirm(options: { message: string }): Promise<boolean> {
    const answer = this.#next(options.message)
    if (typeof answer !== 'boolean')
      throw new Error(`Scripted answer ${JSON.stringify(answer)} is not a yes/no for "${options.message}"`)
    return answer
  }

  #next(message: string): string | boolean {
    this.asked.push(message)
    const answer = this.#answers.shift()
    if (answer === undefined)
      throw new Error(`Unexpected question (the script has no answer left): "${message}"`)
    if (typeof answer === 'object') throw new CancelledError('You cancelled the prompt.')
    return answer
  }
}
