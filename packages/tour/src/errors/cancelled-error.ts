import { TourError } from './tour-error.js'

/** The tour was stopped (Ctrl-C, SIGTERM or a cancelled prompt). Progress is saved. Exit code 130. */
export class CancelledError extends TourError {
  override readonly name = 'CancelledError' as const
  readonly code = 'UAMI_TOUR_CANCELLED' as const
  override readonly exitCode = 130

  constructor(reason = 'The tour was stopped.') {
    super({ what: reason, fix: 'Run npm start (or uami) again to resume where you left off.' })
  }
}
