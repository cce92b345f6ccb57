import type { IdentityKind } from '../identity/variables.js'
import { IDENTITY_VARIABLES, kindLabel, showIdentityCommand } from '../identity/variables.js'
import { UamiCredentialError } from './uami-credential-error.js'

/** Details of an `IdentityNotSetError`. */
export interface IdentityNotSetErrorDetails {
  /** The kinds the app accepts; their variables were all unset. */
  readonly kinds: readonly IdentityKind[]
  /** The variable names that were read (defaults to the kinds' standard variables). */
  readonly variables?: readonly string[] | undefined
  /** Identity variables of other kinds that are set but were not read. */
  readonly alsoSet?: readonly string[] | undefined
}

/**
 * Thrown when no identity variable is set (`identityFromEnv`) or the one variable an app reads is missing
 * (`parseIdentitySelector`). App Service and Container Apps never pick a user-assigned identity on their own, so
 * running on without one would fail later, on the first token request, with a less helpful error.
 *
 * @example
 * ```ts
 * identityFromEnv({}) // throws IdentityNotSetError (code UAMI_CRED_IDENTITY_NOT_SET)
 * ```
 */
export class IdentityNotSetError extends UamiCredentialError {
  static readonly code = 'UAMI_CRED_IDENTITY_NOT_SET' as const
  override readonly name = 'IdentityNotSetError' as const
  readonly code = IdentityNotSetError.code
  /** The variables that were read, all unset. */
  readonly variables: readonly string[]
  /** Identity variables of other kinds that are set but were not read. */
  readonly alsoSet: readonly string[]

  constructor(details: IdentityNotSetErrorDetails) {
    const variables = details.variables ?? details.kinds.map((kind) => IDENTITY_VARIABLES[kind])
    const alsoSet = details.alsoSet ?? []
    const [firstKind] = details.kinds
    const [firstVariable] = variables
    const single = details.kinds.length === 1 && firstKind !== undefined && firstVariable !== undefined
    const why = [
      single
        ? `This app selects its user-assigned identity by ${kindLabel(firstKind)}.`
        : 'This app selects its user-assigned identity by exactly one of them.',
      'Without it the identity endpoint cannot tell which identity to use: App Service and Container Apps never pick a user-assigned identity on their own.',
      alsoSet.length > 0
        ? `(${alsoSet.join(', ')} ${alsoSet.length === 1 ? 'is' : 'are'} set, but not read here.)`
        : '',
    ]
      .filter(Boolean)
      .join(' ')
    const exampleKind = firstKind ?? 'clientId'
    const exampleVariable = firstVariable ?? IDENTITY_VARIABLES.clientId
    super({
      what: single
        ? `${firstVariable} is not set.`
        : `No managed identity is configured: none of ${variables.join(', ')} is set.`,
      why,
      fix: `${single ? 'Set it' : 'Set exactly one of them'}, for example: ${exampleVariable}=$(${showIdentityCommand(exampleKind)})`,
    })
    this.variables = variables
    this.alsoSet = alsoSet
  }
}
