import type { IdentityKind } from '../identity/variables.js'
import { kindLabel, showIdentityCommand } from '../identity/variables.js'
import { echo } from '../util/text.js'
import { UamiCredentialError } from './uami-credential-error.js'

/** Details of an `InvalidGuidError`. */
export interface InvalidGuidErrorDetails {
  /** The variable or option that held the value, e.g. `AZURE_CLIENT_ID`. */
  readonly variable: string
  /** Which identifier kind the value was meant to be. */
  readonly kind: IdentityKind
  /** The raw value (the error keeps only a safe rendering of it). */
  readonly value: string
  /** Why it is not a GUID, e.g. `character 'g' at position 15 is not a hexadecimal digit`. */
  readonly reason: string
  /** 1-based position (in characters) of the first wrong character, when there is one. */
  readonly position?: number | undefined
  /** The first wrong character, described (`'g'`, `U+2013 EN DASH`). */
  readonly character?: string | undefined
  /** An extra sentence, e.g. which variable the value belongs in instead. */
  readonly hint?: string | undefined
}

/**
 * Thrown when a client ID or object ID is not a GUID. The message says which character at which position is wrong
 * (or that the value is too short or too long) and shows the received value, unless it looks like a token or a
 * secret pasted into the wrong variable.
 *
 * @example
 * ```ts
 * parseIdentitySelector({ kind: 'clientId', value: '1234' }) // throws InvalidGuidError
 * ```
 */
export class InvalidGuidError extends UamiCredentialError {
  static readonly code = 'UAMI_CRED_INVALID_GUID' as const
  override readonly name = 'InvalidGuidError' as const
  readonly code = InvalidGuidError.code
  /** The variable or option that held the value. */
  readonly variable: string
  /** Which identifier kind the value was meant to be. */
  readonly kind: IdentityKind
  /** The received value as shown in the message (quoted, shortened, or withheld). */
  readonly received: string
  /** Why it is not a GUID. */
  readonly reason: string
  /** 1-based position of the first wrong character, if any. */
  readonly position: number | undefined
  /** The first wrong character, described, if any. */
  readonly character: string | undefined

  constructor(details: InvalidGuidErrorDetails) {
    const received = echo(details.value)
    super({
      what: `${details.variable} is not a valid GUID: ${details.reason}.`,
      why: [
        `A ${kindLabel(details.kind)} is 8-4-4-4-12 hexadecimal digits, like 7d1f3f2e-8c4b-4f7a-9a51-2b8e6c0d4f11; received ${received}.`,
        details.hint ?? '',
      ]
        .filter(Boolean)
        .join(' '),
      fix: `Copy the value again: ${showIdentityCommand(details.kind)}`,
    })
    this.variable = details.variable
    this.kind = details.kind
    this.received = received
    this.reason = details.reason
    this.position = details.position
    this.character = details.character
  }
}
