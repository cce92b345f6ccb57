import { showIdentityCommand } from '../identity/variables.js'
import { echo } from '../util/text.js'
import { UamiCredentialError } from './uami-credential-error.js'

/** Details of an `InvalidResourceIdError`. */
export interface InvalidResourceIdErrorDetails {
  /** The variable or option that held the value. */
  readonly variable: string
  /** The raw value (the error keeps only a safe rendering of it). */
  readonly value: string
  /** What is wrong, naming the segment, e.g. `the resource group name "rg." ends with a period`. */
  readonly reason: string
  /** An extra sentence, e.g. "this looks like a portal URL". */
  readonly hint?: string | undefined
}

/**
 * Thrown when a resource ID does not have the shape
 * `/subscriptions/{guid}/resourceGroups/{name}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}`.
 * Segment names are compared case-insensitively (`resourcegroups` is fine); names follow Azure's rules (resource
 * group: 1–90 letters, digits, `_ - . ( )`, not ending in `.`; identity: 3–128 letters, digits, `-`, `_`, starting
 * with a letter or digit).
 *
 * @example
 * ```ts
 * parseIdentitySelector({ kind: 'resourceId', value: 'subscriptions/…' }) // throws InvalidResourceIdError
 * ```
 */
export class InvalidResourceIdError extends UamiCredentialError {
  static readonly code = 'UAMI_CRED_INVALID_RESOURCE_ID' as const
  override readonly name = 'InvalidResourceIdError' as const
  readonly code = InvalidResourceIdError.code
  /** The variable or option that held the value. */
  readonly variable: string
  /** The received value as shown in the message. */
  readonly received: string
  /** What is wrong with it. */
  readonly reason: string

  constructor(details: InvalidResourceIdErrorDetails) {
    const received = echo(details.value)
    super({
      what: `${details.variable} is not a user-assigned identity resource ID: ${details.reason}.`,
      why: [
        `Expected /subscriptions/{subscription-id}/resourceGroups/{resource-group}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{identity-name}; received ${received}.`,
        details.hint ?? '',
      ]
        .filter(Boolean)
        .join(' '),
      fix: `Copy the ID again: ${showIdentityCommand('resourceId')}`,
    })
    this.variable = details.variable
    this.received = received
    this.reason = details.reason
  }
}
