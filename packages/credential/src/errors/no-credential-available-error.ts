import type { HostKind } from '../host/detect-host.js'
import { UamiCredentialError } from './uami-credential-error.js'

/** Details of a {@link NoCredentialAvailableError}. */
export interface NoCredentialAvailableErrorDetails {
  /** The host kind, when known. */
  readonly host: HostKind | undefined
  /** What the SDK said, redacted and shortened. */
  readonly detail: string
  /** The SDK error. */
  readonly cause?: unknown
}

/**
 * Returned by `explainAuthError` when no credential could produce a token (`CredentialUnavailableError`,
 * `AggregateAuthenticationError`) for a reason other than a missing identity or the network: on a developer
 * machine nobody is signed in; on a host, managed identity is not enabled.
 *
 * @example
 * ```ts
 * explainAuthError(error, { host: 'developer-machine' }).fix // 'Sign in: az login …'
 * ```
 */
export class NoCredentialAvailableError extends UamiCredentialError {
  static readonly code = 'UAMI_CRED_NO_CREDENTIAL' as const
  override readonly name = 'NoCredentialAvailableError' as const
  readonly code = NoCredentialAvailableError.code
  /** The host kind, when known. */
  readonly host: HostKind | undefined

  constructor(details: NoCredentialAvailableErrorDetails) {
    const developer = details.host === 'developer-machine'
    super({
      what: `No credential could get a token${developer ? ' on this developer machine' : ''}: ${details.detail}`,
      why: developer
        ? 'DefaultAzureCredential uses your own sign-in here (Azure CLI, Azure Developer CLI, VS Code, PowerShell, or a service principal in AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET), and none is available.'
        : 'Managed identity is not available: the identity endpoint variables are missing or the host has no identity enabled.',
      fix: developer
        ? 'Sign in: az login (or azd auth login), or set AZURE_TOKEN_CREDENTIALS to the one credential you use (e.g. AzureCliCredential).'
        : 'Enable and attach the identity on the host (az webapp|containerapp|vm identity assign …) and check it with uami doctor.',
      cause: details.cause,
    })
    this.host = details.host
  }
}
