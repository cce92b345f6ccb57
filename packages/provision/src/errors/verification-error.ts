import { ProvisionError } from './provision-error.js'

/**
 * Azure Resource Manager accepted a change, but reading the resource back did not show it.
 *
 * @example
 * ```ts
 * if (isProvisionError(error, 'UAMI_PROVISION_NOT_VERIFIED')) console.error(error.resourceId, error.expected)
 * ```
 */
export class VerificationError extends ProvisionError {
  static readonly code = 'UAMI_PROVISION_NOT_VERIFIED' as const
  override readonly name = 'VerificationError' as const
  readonly code = VerificationError.code
  /** The resource that was read back. */
  readonly resourceId: string
  /** What the read-back should have shown. */
  readonly expected: string

  constructor(details: { resourceId: string; expected: string; observed: string; checkWith: string }) {
    super({
      what: `The change to ${details.resourceId} was accepted but is not visible: expected ${details.expected}.`,
      why: `Reading it back showed ${details.observed}.`,
      fix: `Check with: ${details.checkWith} — then run the step again.`,
    })
    this.resourceId = details.resourceId
    this.expected = details.expected
  }
}
