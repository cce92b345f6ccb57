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
  /** An extra sentence, e.g. how to find the identity's resource ID. */
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
 * host — `--identities` for `webapp` and `vm`, `--user-assigned` for `containerapp` (ERRATA #2).
 *
 * @example
 * ```ts
 * const explained = explainAuthError(error, { host: 'container-apps', resourceGroup: 'rg', hostName: 'app' })
 * explained.commands // ['az containerapp identity assign --resource-group rg --name app --user-assigned <identity-resource-id>']
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
    const [first] = details.commands
    const attach =
      details.commands.length === 1 && first !== undefined
        ? `Attach it: ${first}`
        : `Attach it to the host that runs this code, one of: ${details.commands.join(' | ')}`
    super({
      what: `The managed identity endpoint of this ${hostLabel} has no identity with ${details.identity} ("${details.endpointMessage}").`,
      why: [
        'The identity is not attached to this host, or the configured ID names a different identity. A user-assigned identity must be attached to every host that uses it.',
        details.hint ?? '',
      ]
        .filter(Boolean)
        .join(' '),
      fix: [
        `${attach} — then retry.`,
        details.showCommand === undefined ? '' : `See what is attached: ${details.showCommand}`,
      ]
        .filter(Boolean)
        .join(' '),
      cause: details.cause,
    })
    this.host = details.host
    this.commands = details.commands
  }
}
