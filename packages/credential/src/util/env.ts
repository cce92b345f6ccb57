/**
 * An environment to read from: `process.env` or any object of the same shape. Empty strings count as unset, like
 * the Azure SDK's own checks.
 */
export type EnvLike = Readonly<Record<string, string | undefined>>

/** Returns the variable's value, or `undefined` when it is unset or empty. */
export function readVar(env: EnvLike, name: string): string | undefined {
  const value = env[name]
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** Names of the variables in `names` that are set (non-empty) in `env`, in the given order. */
export function presentVars(env: EnvLike, names: readonly string[]): string[] {
  return names.filter((name) => readVar(env, name) !== undefined)
}

/** Variables whose values are secrets: never logged, never put in a message. */
export const SECRET_VARIABLES = [
  'IDENTITY_HEADER',
  'MSI_SECRET',
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_CERTIFICATE_PASSWORD',
  'AZURE_PASSWORD',
] as const
