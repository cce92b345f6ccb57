import { UamiCredentialError } from './uami-credential-error.js'

/**
 * Thrown by `createCredential` when the environment selects a managed identity source that cannot use a
 * user-assigned identity (Cloud Shell, Service Fabric); `@azure/identity` would refuse the ID as well.
 *
 * @example
 * ```ts
 * createCredential({ env: { MSI_ENDPOINT: 'http://localhost:50342/oauth2/token', AZURE_CLIENT_ID: id } })
 * // throws UserAssignedUnsupportedError (Cloud Shell)
 * ```
 */
export class UserAssignedUnsupportedError extends UamiCredentialError {
  static readonly code = 'UAMI_CRED_USER_ASSIGNED_UNSUPPORTED' as const
  override readonly name = 'UserAssignedUnsupportedError' as const
  readonly code = UserAssignedUnsupportedError.code
  /** The managed identity source found, e.g. `CloudShell`. */
  readonly source: string
  /** The variables that selected it. */
  readonly variables: readonly string[]

  constructor(details: {
    readonly source: string
    readonly variables: readonly string[]
    readonly cause?: unknown
  }) {
    super({
      what: `The managed identity source here is ${details.source} (${details.variables.join(', ')} set), which cannot select a user-assigned identity.`,
      why: '@azure/identity refuses a client, resource or object ID for this source.',
      fix: 'Run the app on App Service, Container Apps or a VM, or use your developer sign-in with AZURE_TOKEN_CREDENTIALS=dev.',
      cause: details.cause,
    })
    this.source = details.source
    this.variables = details.variables
  }
}
