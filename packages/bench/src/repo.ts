import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SAMPLES, type SampleDef } from '@uami/tour'

const require = createRequire(import.meta.url)

/** The benchmark package's folder (`packages/bench`; this file runs from its `dist/`). */
export const benchDir: string = fileURLToPath(new URL('..', import.meta.url))

/** The repository's root folder. */
export const repoRoot: string = join(benchDir, '..', '..')

/** Where results are written and committed: `packages/bench/results`. */
export const resultsDir: string = join(benchDir, 'results')

/** A sample as the benchmark runs it: the tour's definition (identifier, deployment variables) and its folder. */
export interface BenchSample {
  readonly def: SampleDef
  /** `samples/<id>`. */
  readonly dir: string
}

/**
 * The three samples, in the tutorial's order, from the tour's own definitions (so the benchmark starts each
 * sample with the same deployment variables the tour and the deploy assets use).
 *
 * @returns The samples with their folders.
 */
export function benchSamples(): BenchSample[] {
  return SAMPLES.map((def) => ({ def, dir: dirname(require.resolve(`${def.packageName}/package.json`)) }))
}

/** The tour's CLI, `packages/tour/dist/bin/uami.js`. */
export function tourBin(): string {
  return join(dirname(require.resolve('@uami/tour/package.json')), 'dist', 'bin', 'uami.js')
}
