import { UamiCredentialError } from './uami-credential-error.js'

/** Details of an `AmbiguousIdentityError`. */
export interface AmbiguousIdentityErrorDetails {
  /** The identity variables that are set (two or three). */
  readonly variables: readonly string[]
  /** Service principal variables that are also set (`AZURE_CLIENT_SECRET`, …), which make `AZURE_CLIENT_ID` double as `EnvironmentCredential`'s. */
  readonly servicePrincipalVariables?: readonly string[] | undefined
}

/**
 * Thrown by `identityFromEnv` when more than one identity variable is set. `ManagedIdentityCredential` accepts
 * exactly one identifier, and choosing one silently could authenticate as the wrong identity.
 *
 * @example
 * ```ts
 * identityFromEnv({ AZURE_CLIENT_ID: id, AZURE_MANAGED_IDENTITY_OBJECT_ID: oid }) // throws AmbiguousIdentityError
 * ```
 */
export class AmbiguousIdentityError extends UamiCredentialError {
  static readonly code = 'UAMI_CRED_IDENTITY_AMBIGUOUS' as const
  override readonly name = 'AmbiguousIdentityError' as const
  readonly code = AmbiguousIdentityError.code
  /** The identity variables that are set. */
  readonly variables: readonly string[]

  constructor(details: AmbiguousIdentityErrorDetails) {
    const variables = details.variables
    const sp = details.servicePrincipalVariables ?? []
    const list =
      variables.length === 2
        ? `${variables[0]} and ${variables[1]}`
        : variables.join(', ').replace(/, ([^,]*)$/, ', and $1')
    const clientIdIsServicePrincipal = variables.includes('AZURE_CLIENT_ID') && sp.length > 0
    super({
      what: `Several managed identity variables are set: ${list}.`,
      why: [
        'ManagedIdentityCredential takes exactly one identifier, and choosing one silently could authenticate as the wrong identity.',
        clientIdIsServicePrincipal
          ? `AZURE_CLIENT_ID also serves EnvironmentCredential here (${sp.join(', ')} ${sp.length === 1 ? 'is' : 'are'} set).`
          : '',
      ]
        .filter(Boolean)
        .join(' '),
      fix: clientIdIsServicePrincipal
        ? `Unset all but one, or have the app read only its own kind, e.g. identityFromEnv(process.env, { kinds: ['objectId'] }).`
        : `Unset all but one, for example: unset ${variables[0] ?? 'AZURE_CLIENT_ID'}`,
    })
    this.variables = variables
  }
}
