import type { EnvLike } from '@uami/credential'
import { IDENTITY_VARIABLES } from '@uami/credential'
import { IDENTITY_RESOURCE_ID_VARIABLE } from '@uami/credential/diagnostics'

/**
 * The variables `@uami/credential` and the Azure SDK read to decide where the code runs and which credential and
 * managed identity source to use. Only these are copied out of the process environment.
 */
export const CREDENTIAL_VARIABLES = [
  'UAMI_HOST',
  'WEBSITE_SITE_NAME',
  'WEBSITE_RESOURCE_GROUP',
  'CONTAINER_APP_NAME',
  'IDENTITY_ENDPOINT',
  'IDENTITY_HEADER',
  'IDENTITY_SERVER_THUMBPRINT',
  'IMDS_ENDPOINT',
  'MSI_ENDPOINT',
  'MSI_SECRET',
  'AZURE_POD_IDENTITY_AUTHORITY_HOST',
  'AZURE_TOKEN_CREDENTIALS',
  'AZURE_AUTHORITY_HOST',
  'AZURE_TENANT_ID',
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_CERTIFICATE_PATH',
  'AZURE_FEDERATED_TOKEN_FILE',
  // The identity's resource ID for the fix commands of apps that choose it by client ID or object ID.
  IDENTITY_RESOURCE_ID_VARIABLE,
  ...Object.values(IDENTITY_VARIABLES),
] as const

/** Variables whose values are secrets: the copy records only that they are set. */
export const SECRET_VARIABLES: ReadonlySet<string> = new Set([
  'IDENTITY_HEADER',
  'MSI_SECRET',
  'AZURE_CLIENT_SECRET',
])

/** What a secret variable's value is replaced with in the copy. */
export const SECRET_MARKER = '[set]'

/** Variables that make `AZURE_CLIENT_ID` a service principal's client ID rather than a managed identity's. */
export const SERVICE_PRINCIPAL_VARIABLES = [
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_CERTIFICATE_PATH',
  'AZURE_FEDERATED_TOKEN_FILE',
] as const

/** Returns the variable's value, or `undefined` when unset or empty (empty counts as unset, as in the Azure SDK). */
export function readVariable(source: EnvLike, name: string): string | undefined {
  const value = source[name]
  return typeof value === 'string' && value !== '' ? value : undefined
}

/**
 * Copies the {@link CREDENTIAL_VARIABLES} that are set, replacing secret values with {@link SECRET_MARKER}: enough
 * for `createCredential({ env })` to decide (it checks that `IDENTITY_HEADER` is set, never its value — the Azure
 * SDK reads the real value from the process itself), and safe to keep in memory without ever leaking a secret.
 *
 * @param source - The process environment.
 * @returns A frozen copy.
 * @example
 * ```ts
 * credentialEnvironment({ IDENTITY_ENDPOINT: 'http://…', IDENTITY_HEADER: 'secret', PATH: '/usr/bin' })
 * // { IDENTITY_ENDPOINT: 'http://…', IDENTITY_HEADER: '[set]' }
 * ```
 */
export function credentialEnvironment(source: EnvLike): EnvLike {
  const copy: Record<string, string> = {}
  for (const name of CREDENTIAL_VARIABLES) {
    const value = readVariable(source, name)
    if (value !== undefined) copy[name] = SECRET_VARIABLES.has(name) ? SECRET_MARKER : value
  }
  return Object.freeze(copy)
}
