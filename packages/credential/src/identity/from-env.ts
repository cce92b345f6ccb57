import { AmbiguousIdentityError } from '../errors/ambiguous-identity-error.js'
import { IdentityNotSetError } from '../errors/identity-not-set-error.js'
import { describeType, InvalidOptionError } from '../errors/invalid-option-error.js'
import { logger } from '../logger.js'
import type { EnvLike } from '../util/env.js'
import { presentVars, readVar } from '../util/env.js'
import type { IdentitySelector } from './selector.js'
import { parseIdentitySelector } from './selector.js'
import type { IdentityKind } from './variables.js'
import { IDENTITY_KINDS, IDENTITY_VARIABLES, isIdentityKind } from './variables.js'

/** Options of {@link identityFromEnv}. */
export interface IdentityFromEnvOptions {
  /**
   * The identifier kinds this app accepts. Default: all three. A sample that fixes one kind passes just that one,
   * so that only its variable is read (and, for example, an `AZURE_CLIENT_ID` that belongs to a service principal
   * is left alone).
   */
  readonly kinds?: readonly IdentityKind[] | undefined
}

const SERVICE_PRINCIPAL_VARIABLES = [
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_CERTIFICATE_PATH',
  'AZURE_FEDERATED_TOKEN_FILE',
] as const

/**
 * Reads the user-assigned identity from the environment: exactly one of `AZURE_CLIENT_ID` (client ID),
 * `AZURE_MANAGED_IDENTITY_RESOURCE_ID` (resource ID) or `AZURE_MANAGED_IDENTITY_OBJECT_ID` (object ID) must be
 * set, and its value must be valid (see {@link parseIdentitySelector}). Empty variables count as unset. Logs which
 * variable was found, never its value.
 *
 * @param env - Where to read. Default: `process.env`.
 * @param options - `kinds` restricts which variables are read.
 * @returns `{ clientId }`, `{ resourceId }` or `{ objectId }`.
 * @throws `IdentityNotSetError` when none is set.
 * @throws `AmbiguousIdentityError` when several are set.
 * @throws `PastedValueError`, `InvalidGuidError`, `InvalidResourceIdError`, `NotAUserAssignedIdentityError` for a bad value.
 * @throws `InvalidOptionError` when `env` is not an object or `kinds` has an unknown kind.
 * @example
 * ```ts
 * const selector = identityFromEnv() // e.g. { clientId: '7d1f3f2e-…' } on the App Service sample
 * const credential = new ManagedIdentityCredential(selector)
 * ```
 */
export function identityFromEnv(
  env: EnvLike = process.env,
  options: IdentityFromEnvOptions = {},
): IdentitySelector {
  if (typeof env !== 'object' || env === null) {
    throw new InvalidOptionError({
      option: 'identityFromEnv(env)',
      expected: 'an object such as process.env',
      received: describeType(env),
    })
  }
  const kinds = options.kinds ?? IDENTITY_KINDS
  if (!Array.isArray(kinds) || kinds.length === 0 || !kinds.every(isIdentityKind)) {
    throw new InvalidOptionError({
      option: 'identityFromEnv(env, { kinds })',
      expected: `a non-empty array of ${IDENTITY_KINDS.join(', ')}`,
      received: Array.isArray(kinds)
        ? `[${kinds.map((kind) => JSON.stringify(kind)).join(', ')}]`
        : describeType(kinds),
    })
  }
  const wanted = kinds.map((kind) => IDENTITY_VARIABLES[kind])
  const set = kinds.filter((kind) => readVar(env, IDENTITY_VARIABLES[kind]) !== undefined)
  const [kind] = set
  if (kind === undefined) {
    const alsoSet = presentVars(
      env,
      IDENTITY_KINDS.filter((other) => !kinds.includes(other)).map((other) => IDENTITY_VARIABLES[other]),
    )
    logger.warning(`identity: none of ${wanted.join(', ')} is set`)
    throw new IdentityNotSetError({ kinds, alsoSet })
  }
  if (set.length > 1) {
    const variables = set.map((each) => IDENTITY_VARIABLES[each])
    logger.warning(`identity: several identity variables are set: ${variables.join(', ')}`)
    throw new AmbiguousIdentityError({
      variables,
      servicePrincipalVariables: presentVars(env, SERVICE_PRINCIPAL_VARIABLES),
    })
  }
  const variable = IDENTITY_VARIABLES[kind]
  logger.info(`identity: found ${variable} (${kind})`)
  return parseIdentitySelector({ kind, value: readVar(env, variable), variable })
}
