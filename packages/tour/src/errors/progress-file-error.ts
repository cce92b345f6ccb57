import { TourError } from './tour-error.js'

/** `.uami/tour.json` exists but is not a progress file the tour understands. */
export class ProgressFileError extends TourError {
  override readonly name = 'ProgressFileError' as const
  readonly code = 'UAMI_TOUR_STATE_FILE' as const
  readonly path: string

  constructor(path: string, problem: string, cause?: unknown) {
    super({
      what: `The tour's progress file ${path} cannot be used: ${problem}`,
      why: 'It records which steps you finished and which resources the tour created.',
      fix: `Delete it (rm ${path}) or run the tour with --fresh; existing resources are found again and reused.`,
      cause,
    })
    this.path = path
  }
}
