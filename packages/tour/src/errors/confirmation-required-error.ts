import { TourError } from './tour-error.js'

/**
 * The tour would create (or delete) Azure resources and cannot ask: no terminal, and no `--yes`. Nothing was
 * created. Exit code 2.
 */
export class ConfirmationRequiredError extends TourError {
  override readonly name = 'ConfirmationRequiredError' as const
  readonly code = 'UAMI_TOUR_CONFIRMATION_REQUIRED' as const
  override readonly exitCode = 2
  /** What would have been created or deleted. */
  readonly plan: readonly string[]

  constructor(action: 'create' | 'delete', plan: readonly string[]) {
    super({
      what: `The tour would ${action} resources in your Azure subscription, and nobody confirmed it.`,
      why: `There is no terminal to ask${action === 'create' ? ', and these resources may cost money' : ''}: ${plan.join('; ')}.`,
      fix: 'Run it in a terminal to confirm, or pass --yes to confirm up front.',
    })
    this.plan = plan
  }
}
