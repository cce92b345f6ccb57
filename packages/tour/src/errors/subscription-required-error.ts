import { TourError } from './tour-error.js'

/** `--azure` without `--subscription` or `AZURE_SUBSCRIPTION_ID`. Exit code 2. */
export class SubscriptionRequiredError extends TourError {
  override readonly name = 'SubscriptionRequiredError' as const
  readonly code = 'UAMI_TOUR_SUBSCRIPTION_REQUIRED' as const
  override readonly exitCode = 2

  constructor() {
    super({
      what: '--azure needs a subscription and none was given.',
      why: 'The tour creates resources in exactly one subscription and never guesses which.',
      fix: 'Pass --subscription <id> or set AZURE_SUBSCRIPTION_ID (az account show --query id -o tsv).',
    })
  }
}
