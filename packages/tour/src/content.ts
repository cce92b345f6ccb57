import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** Where the explanations live: `packages/tour/content/<id>.md` (shipped with the package, included by the docs). */
export const CONTENT_DIR = fileURLToPath(new URL('../content/', import.meta.url))

const cache = new Map<string, string>()

/**
 * The explanation of a step or scenario, as markdown: the very file the docs guides include, so the tour and the
 * docs say the same words.
 *
 * @param id - A step ID (`identity`, `attach`, …) or `what-goes-wrong-<scenario>`.
 * @returns The markdown, trimmed.
 * @throws When the file is missing (a packaging error).
 * @example
 * ```ts
 * console.log(explanation('role-assignment'))
 * ```
 */
export function explanation(id: string): string {
  let text = cache.get(id)
  if (text === undefined) {
    text = readFileSync(new URL(`../content/${id}.md`, import.meta.url), 'utf8').trim()
    cache.set(id, text)
  }
  return text
}
