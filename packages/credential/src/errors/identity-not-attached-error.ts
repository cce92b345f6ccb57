import type { HostKind } from '../host/detect-host.js'
import { UamiCredentialError } from './uami-credential-error.js'

/** Details of an {@link IdentityNotAttachedError}. */
export interface IdentityNotAttachedErrorDetails {
  /** The host kind, when known. */
  readonly host: HostKind | undefined
  /** The configured identity, described, e.g. `client ID 7d1f…` (IDs are not secrets). */
  readonly identity: string
  /** What the endpoint said, redacted, e.g. `Identity not found`. */
  readonly endpointMessage: string
  /** The `az … identity assign` command(s) that fix it: one for a known host, one per host kind otherwise. */
  readonly commands: readonly string[]
  /** Command that lists what is attached, when the host is known. */
  readonly showCommand?: string | undefined
  /** An extra sentence for the fix, e.g. that a name works only in the host's resource group. */
  readonly hint?: string | undefined
  /** The SDK error. */
  readonly cause?: unknown
}

const HOST_LABEL: Readonly<Record<HostKind, string>> = {
  'app-service': 'App Service app',
  'container-apps': 'container app',
  vm: 'virtual machine',
  'developer-machine': 'host',
}

/**
 * Returned by `explainAuthError` when the host's managed identity endpoint answered 400 "Identity not found" (IMDS)
 * or "Unable to load the proper Managed Identity" (App Service, Container Apps): the identity is not attached to
 * this host, or the configured ID names another identity. The fix is the `az … identity assign` command for the
 * host — `--identities` for `webapp` and `vm`, `--user-assigned` for `containerapp` (ERRATA #2) — with the
 * identity's resource ID when it is known (the selector, or `UAMI_IDENTITY_RESOURCE_ID`), else looked up by the
 * command from the client ID or principal ID. The `fix` puts each command on a line of its own.
 *
 * @example
 * ```ts
 * const explained = explainAuthError(error, { host: 'container-apps', resourceGroup: 'rg', hostName: 'app' })
 * explained.commands // ['az containerapp identity assign --resource-group rg --name app --user-assigned /subscriptions/…']
 * ```
 */
export class IdentityNotAttachedError extends UamiCredentialError {
  static readonly code = 'UAMI_CRED_IDENTITY_NOT_ATTACHED' as const
  override readonly name = 'IdentityNotAttachedError' as const
  readonly code = IdentityNotAttachedError.code
  /** The host kind, when known. */
  readonly host: HostKind | undefined
  /** The command(s) that attach the identity. */
  readonly commands: readonly string[]

  constructor(details: IdentityNotAttachedErrorDetails) {
    const hostLabel = details.host === undefined ? 'host' : HOST_LABEL[details.host]
    // Each command on a line of its own, after the sentence that says what it does.
    const attach =
      details.commands.length === 1
        ? [`Attach the identity to this ${hostLabel}; the app retries on its own:`, ...details.commands]
        : [
            'Attach the identity to the host that runs this code, with the command for its kind:',
            ...details.commands,
          ]
    super({
      what: `The managed identity endpoint of this ${hostLabel} has no identity with ${details.identity} ("${details.endpointMessage}").`,
      why: 'The identity is not attached to this host, or the configured ID names a different identity: a user-assigned identity must be attached to every host that uses it.',
      fix: [
        ...attach,
        ...(details.hint === undefined ? [] : [details.hint]),
        ...(details.showCommand === undefined ? [] : ['See what is attached:', details.showCommand]),
      ].join('\n'),
      cause: details.cause,
    })
    this.host = details.host
    this.commands = details.commands
  }
}
