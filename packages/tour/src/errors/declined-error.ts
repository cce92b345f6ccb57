import { TourError } from './tour-error.js'

/** The user answered "no" to a confirmation: nothing was created or deleted. */
export class DeclinedError extends TourError {
  override readonly name = 'DeclinedError' as const
  readonly code = 'UAMI_TOUR_DECLINED' as const

  constructor(action: 'create' | 'delete') {
    super({
      what: `You declined: nothing was ${action === 'create' ? 'created' : 'deleted'}.`,
      fix: 'Run the tour again when you are ready, or try everything on the local emulator first (uami --local).',
    })
  }
}
