import { echo } from '../util/text.js'
import { UamiCredentialError } from './uami-credential-error.js'

/**
 * Thrown when `AZURE_AUTHORITY_HOST` (or the `authorityHost` credential option) is not an absolute `https://` URL.
 * MSAL would otherwise fail on the first token request.
 *
 * @example
 * ```ts
 * createCredential({ env: { AZURE_AUTHORITY_HOST: 'localhost:8443', … } }) // throws InvalidAuthorityHostError
 * ```
 */
export class InvalidAuthorityHostError extends UamiCredentialError {
  static readonly code = 'UAMI_CRED_INVALID_AUTHORITY_HOST' as const
  override readonly name = 'InvalidAuthorityHostError' as const
  readonly code = InvalidAuthorityHostError.code
  /** `AZURE_AUTHORITY_HOST` or `credentialOptions.authorityHost`. */
  readonly source: string
  /** The received value as shown in the message. */
  readonly received: string

  constructor(details: { readonly source: string; readonly value: string; readonly reason: string }) {
    const received = echo(details.value)
    super({
      what: `${details.source} is ${received}: ${details.reason}.`,
      why: 'Microsoft Entra ID authorities are https URLs, and MSAL refuses anything else on the first token request.',
      fix: `Set ${details.source} to an https URL such as https://login.microsoftonline.com (or the local emulator's authority host), or unset it.`,
    })
    this.source = details.source
    this.received = received
  }
}
