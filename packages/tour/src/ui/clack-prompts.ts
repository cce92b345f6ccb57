import type { Readable, Writable } from 'node:stream'
import { confirm, isCancel, select } from '@clack/prompts'
import type { Prompts } from '../engine/prompts.js'
import { CancelledError } from '../errors/cancelled-error.js'

/**
 * Prompts in the terminal through @clack/prompts. Ctrl-C or Escape on a prompt throws {@link CancelledError}.
 *
 * @example
 * ```ts
 * const prompts = clackPrompts()
 * const sample = await prompts.select({ message: 'Which sample?', choices })
 * ```
 */
export function clackPrompts(streams: { input?: Readable; output?: Writable } = {}): Prompts {
  const io = {
    ...(streams.input ? { input: streams.input } : {}),
    ...(streams.output ? { output: streams.output } : {}),
  }
  return {
    async select({ message, choices, initial }) {
      const answer = await select({
        message,
        options: choices.map((choice) => ({
          value: choice.value,
          label: choice.label,
          ...(choice.hint ? { hint: choice.hint } : {}),
        })) as never,
        ...(initial === undefined ? {} : { initialValue: initial }),
        ...io,
      })
      if (isCancel(answer)) throw new CancelledError('You cancelled the prompt.')
      return answer as typeof initial & string
    },
    async confirm({ message, initial }) {
      const answer = await confirm({
        message,
        ...(initial === undefined ? {} : { initialValue: initial }),
        ...io,
      })
      if (isCancel(answer)) throw new CancelledError('You cancelled the prompt.')
      return answer
    },
  }
}
