import { TourError } from './tour-error.js'

/** The command line is wrong: an unknown option, a missing value or options that do not go together. Exit code 2. */
export class UsageError extends TourError {
  override readonly name = 'UsageError' as const
  readonly code = 'UAMI_TOUR_USAGE' as const
  override readonly exitCode = 2

  constructor(problem: string) {
    super({ what: problem, fix: 'Run `uami --help` for the usage.' })
  }
}
