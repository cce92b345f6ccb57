import { echo } from '../util/text.js'
import { UamiCredentialError } from './uami-credential-error.js'

/** Details of an `InvalidHostError`. */
export interface InvalidHostErrorDetails {
  /** `UAMI_HOST` or `the "host" option`. */
  readonly source: string
  /** The received value. */
  readonly value: string
}

/**
 * Thrown when the host override — the `host` option or `UAMI_HOST` — is not `app-service`, `container-apps`, `vm`
 * or `developer-machine`. The override decides which credential is built, so a typo must not fall back silently.
 *
 * @example
 * ```ts
 * detectHost({ UAMI_HOST: 'appservice' }) // throws InvalidHostError
 * ```
 */
export class InvalidHostError extends UamiCredentialError {
  static readonly code = 'UAMI_CRED_INVALID_HOST' as const
  override readonly name = 'InvalidHostError' as const
  readonly code = InvalidHostError.code
  /** Where the override came from. */
  readonly source: string
  /** The received value as shown in the message. */
  readonly received: string

  constructor(details: InvalidHostErrorDetails) {
    const received = echo(details.value)
    super({
      what: `${details.source} is ${received}, which is not a host kind.`,
      why: 'The override decides which credential is used, so an unknown value must not be ignored.',
      fix: `Set ${details.source} to app-service, container-apps, vm or developer-machine, or remove it to detect the host from the variables Azure sets.`,
    })
    this.source = details.source
    this.received = received
  }
}
