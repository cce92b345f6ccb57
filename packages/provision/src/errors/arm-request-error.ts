import { ProvisionError } from './provision-error.js'

/**
 * Azure Resource Manager rejected a request for a reason no more specific error covers. The ARM error code and
 * message are kept, and the SDK's `RestError` is the `cause`.
 *
 * @example
 * ```ts
 * if (isProvisionError(error, 'UAMI_PROVISION_ARM_REQUEST_FAILED')) console.error(error.statusCode, error.armCode)
 * ```
 */
export class ArmRequestError extends ProvisionError {
  static readonly code = 'UAMI_PROVISION_ARM_REQUEST_FAILED' as const
  override readonly name = 'ArmRequestError' as const
  readonly code = ArmRequestError.code
  /** What the step tried to do. */
  readonly operation: string
  /** HTTP status, when there was a response. */
  readonly statusCode: number | undefined
  /** ARM's error code, e.g. `InvalidResourceLocation`. */
  readonly armCode: string | undefined

  constructor(details: {
    operation: string
    statusCode: number | undefined
    armCode: string | undefined
    armMessage: string
    fix?: string
    cause?: unknown
  }) {
    const status = details.statusCode === undefined ? 'no response' : `HTTP ${details.statusCode}`
    super({
      what: `Could not ${details.operation}: Azure Resource Manager answered ${status}${details.armCode ? ` ${details.armCode}` : ''}.`,
      why: details.armMessage,
      fix:
        details.fix ??
        'Read the ARM message above: it names the property, quota or policy at fault; fix it and run the step again.',
      cause: details.cause,
    })
    this.operation = details.operation
    this.statusCode = details.statusCode
    this.armCode = details.armCode
  }
}
