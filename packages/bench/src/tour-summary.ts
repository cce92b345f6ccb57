import { stripVTControlCharacters } from 'node:util'

/**
 * The samples the tour's summary table marks verified: rows that start with a sample ID and say `✔ verified`.
 *
 * @param output - The tour's standard output.
 * @param sampleIds - The sample IDs to look for.
 * @returns The verified sample IDs, each once, in table order.
 * @example
 * ```ts
 * verifiedSamples('vm  Virtual machine vm-uami  …  ✔ verified  1.2', ['vm']) // ['vm']
 * ```
 */
export function verifiedSamples(output: string, sampleIds: readonly string[]): string[] {
  const verified = stripVTControlCharacters(output)
    .split('\n')
    .flatMap((line) => {
      const first = line.trim().split(/\s+/)[0] ?? ''
      return sampleIds.includes(first) && line.includes('✔ verified') ? [first] : []
    })
  return [...new Set(verified)]
}
