import { InvalidTokenCredentialsError } from '../errors/invalid-token-credentials-error.js'
import type { EnvLike } from '../util/env.js'
import { readVar } from '../util/env.js'

/** The normalised (trimmed, lower-cased) values `@azure/identity` 4.14 accepts for `AZURE_TOKEN_CREDENTIALS`. */
export const TOKEN_CREDENTIALS_VALUES = Object.freeze([
  'dev',
  'prod',
  'environmentcredential',
  'workloadidentitycredential',
  'managedidentitycredential',
  'visualstudiocodecredential',
  'azureclicredential',
  'azurepowershellcredential',
  'azuredeveloperclicredential',
] as const)

/** A normalised `AZURE_TOKEN_CREDENTIALS` value. */
export type TokenCredentialsValue = (typeof TOKEN_CREDENTIALS_VALUES)[number]

/**
 * Reads `AZURE_TOKEN_CREDENTIALS` the way `@azure/identity` does (trimmed, lower-cased) and checks it against the
 * values the SDK accepts, so that a typo fails with a coded error before the SDK throws a bare `Error`.
 *
 * @param env - Where to read. Default: `process.env`.
 * @returns The normalised value, or `undefined` when unset.
 * @throws {@link InvalidTokenCredentialsError} for any other value.
 * @example
 * ```ts
 * readTokenCredentials({ AZURE_TOKEN_CREDENTIALS: ' ManagedIdentityCredential ' }) // 'managedidentitycredential'
 * ```
 */
export function readTokenCredentials(env: EnvLike = process.env): TokenCredentialsValue | undefined {
  const raw = readVar(typeof env === 'object' && env !== null ? env : {}, 'AZURE_TOKEN_CREDENTIALS')
  if (raw === undefined) return undefined
  const normalized = raw.trim().toLowerCase()
  if (!(TOKEN_CREDENTIALS_VALUES as readonly string[]).includes(normalized)) {
    throw new InvalidTokenCredentialsError(raw)
  }
  return normalized as TokenCredentialsValue
}
