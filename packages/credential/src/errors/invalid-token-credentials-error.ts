import { echo } from '../util/text.js'
import { UamiCredentialError } from './uami-credential-error.js'

/** The values `@azure/identity` 4.14 accepts for `AZURE_TOKEN_CREDENTIALS` (compared trimmed and lower-cased). */
export const TOKEN_CREDENTIALS_DISPLAY_NAMES = [
  'dev',
  'prod',
  'EnvironmentCredential',
  'WorkloadIdentityCredential',
  'ManagedIdentityCredential',
  'VisualStudioCodeCredential',
  'AzureCliCredential',
  'AzurePowerShellCredential',
  'AzureDeveloperCliCredential',
] as const

/**
 * Thrown when `AZURE_TOKEN_CREDENTIALS` has a value `@azure/identity` does not accept. The SDK would throw a bare
 * `Error` when `DefaultAzureCredential` is built; this error names the accepted values.
 *
 * @example
 * ```ts
 * createCredential({ env: { AZURE_TOKEN_CREDENTIALS: 'managed-identity', … } }) // throws InvalidTokenCredentialsError
 * ```
 */
export class InvalidTokenCredentialsError extends UamiCredentialError {
  static readonly code = 'UAMI_CRED_INVALID_TOKEN_CREDENTIALS' as const
  override readonly name = 'InvalidTokenCredentialsError' as const
  readonly code = InvalidTokenCredentialsError.code
  /** The received value as shown in the message. */
  readonly received: string

  constructor(value: string) {
    const received = echo(value)
    super({
      what: `AZURE_TOKEN_CREDENTIALS is ${received}, which @azure/identity does not accept.`,
      why: 'It chooses which credentials DefaultAzureCredential may use, and the SDK throws on an unknown value.',
      fix: `Set it to one of ${TOKEN_CREDENTIALS_DISPLAY_NAMES.join(', ')} (case does not matter), or unset it.`,
    })
    this.received = received
  }
}
