import { SampleKitError } from './sample-kit-error.js'

/** Details of a {@link TwoIdentifierKindsError}. */
export interface TwoIdentifierKindsErrorDetails {
  /** The variable this sample reads, e.g. `AZURE_MANAGED_IDENTITY_RESOURCE_ID`. */
  readonly own: string
  /** The other identifier variables that are set too. */
  readonly others: readonly string[]
}

/**
 * Thrown at startup when, besides the sample's own identifier variable, the variable of another identifier kind is
 * set — e.g. `AZURE_CLIENT_ID` next to `AZURE_MANAGED_IDENTITY_RESOURCE_ID`. Each sample chooses its identity by
 * exactly one kind; a second one would leave the reader (and `DefaultAzureCredential`) guessing which identity
 * is meant.
 *
 * Exception: `AZURE_CLIENT_ID` together with `AZURE_CLIENT_SECRET`, `AZURE_CLIENT_CERTIFICATE_PATH` or
 * `AZURE_FEDERATED_TOKEN_FILE` is a service principal's client ID for `EnvironmentCredential` /
 * `WorkloadIdentityCredential` on a developer machine, and is allowed.
 *
 * @example
 * ```ts
 * readSampleEnv({ AZURE_CLIENT_ID: id, AZURE_MANAGED_IDENTITY_RESOURCE_ID: rid, APP_CONFIG_ENDPOINT: url }, 'resourceId')
 * // throws TwoIdentifierKindsError
 * ```
 */
export class TwoIdentifierKindsError extends SampleKitError {
  static readonly code = 'UAMI_SAMPLE_TWO_IDENTIFIER_KINDS' as const
  override readonly name = 'TwoIdentifierKindsError' as const
  readonly code = TwoIdentifierKindsError.code
  /** The variable this sample reads. */
  readonly variable: string
  /** The other identifier variables that are set. */
  readonly others: readonly string[]

  constructor(details: TwoIdentifierKindsErrorDetails) {
    const others = details.others.join(' and ')
    const clientId = details.others.includes('AZURE_CLIENT_ID')
    super({
      what: `Two identifier kinds at once: this sample chooses its identity by ${details.own}, and ${others} ${details.others.length === 1 ? 'is' : 'are'} set as well.`,
      why: 'A managed identity is chosen by exactly one identifier; a second one leaves it unclear which identity is meant.',
      fix: clientId
        ? `Unset ${others}. If AZURE_CLIENT_ID is your service principal's client ID (EnvironmentCredential on a developer machine), set AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH) with it and it is left alone.`
        : `Unset ${others}.`,
    })
    this.variable = details.own
    this.others = Object.freeze([...details.others])
  }
}
