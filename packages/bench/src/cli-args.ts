import { parseArgs } from 'node:util'

/** The measurements, in the order they run. */
export const MEASUREMENT_IDS = ['startup', 'load', 'bundle', 'tour', 'emulator'] as const

/** One measurement of the benchmark. */
export type MeasurementId = (typeof MEASUREMENT_IDS)[number]

/** What the command line asked for. */
export interface BenchArgs {
  /** Fewer runs and shorter loads (a smoke run; its figures are noisier). */
  readonly quick: boolean
  /** The measurements to run, in {@link MEASUREMENT_IDS} order. */
  readonly only: readonly MeasurementId[]
  /** Print the usage and exit. */
  readonly help: boolean
}

/** Thrown for a command line the benchmark does not understand; `run` prints it with the usage, exit code 2. */
export class BenchUsageError extends Error {
  override name = 'BenchUsageError' as const
  readonly code = 'UAMI_BENCH_USAGE'
}

/** The usage text. */
export const USAGE = `Usage: npm run bench -- [--quick] [--only ${MEASUREMENT_IDS.join(',')}]

  --quick        fewer runs and shorter loads (noisier figures; still judged against the targets)
  --only <list>  run only these measurements, comma-separated: ${MEASUREMENT_IDS.join(', ')}
  --help         show this help

Exit code 0 when every target holds, 1 when one is missed, 2 for a bad command line.`

/**
 * Reads the benchmark's command line.
 *
 * @param argv - The arguments after the script (`process.argv.slice(2)`).
 * @returns The parsed arguments.
 * @throws {@link BenchUsageError} for an unknown flag or measurement.
 * @example
 * ```ts
 * parseBenchArgs(['--quick', '--only', 'startup,bundle'])
 * // { quick: true, only: ['startup', 'bundle'], help: false }
 * ```
 */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let values: { quick?: boolean; only?: string; help?: boolean }
  try {
    ;({ values } = parseArgs({
      args: [...argv],
      options: {
        quick: { type: 'boolean' },
        only: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }))
  } catch (error) {
    throw new BenchUsageError(`${(error as Error).message}. Run with --help for the flags.`)
  }
  return { quick: values.quick ?? false, only: parseOnly(values.only), help: values.help ?? false }
}

function parseOnly(list: string | undefined): MeasurementId[] {
  if (list === undefined) return [...MEASUREMENT_IDS]
  const asked = list
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
  const unknown = asked.filter((item) => !(MEASUREMENT_IDS as readonly string[]).includes(item))
  if (asked.length === 0 || unknown.length > 0) {
    throw new BenchUsageError(
      `--only got ${unknown.length > 0 ? `unknown measurement(s) ${unknown.join(', ')}` : 'an empty list'}. Use a comma-separated list of: ${MEASUREMENT_IDS.join(', ')}.`,
    )
  }
  return MEASUREMENT_IDS.filter((id) => asked.includes(id))
}
