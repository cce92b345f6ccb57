import type { EnvLike, HostKind, IdentityKind } from '@uami/credential'
import { chooseCredential, detectHost, parseIdentitySelector } from '@uami/credential'
import {
  IDENTITY_KINDS,
  IDENTITY_RESOURCE_ID_VARIABLE,
  identityVariable,
  parseIdentityResourceId,
  selectorValue,
} from '@uami/credential/diagnostics'
import envSchema from 'env-schema'
import type { SampleIdentity } from '../context.js'
import { InvalidEnvError } from '../errors/invalid-env-error.js'
import { MissingEnvError } from '../errors/missing-env-error.js'
import { TwoIdentifierKindsError } from '../errors/two-identifier-kinds-error.js'
import { credentialEnvironment, readVariable, SERVICE_PRINCIPAL_VARIABLES } from './credential-env.js'
import { checkEndpoint } from './endpoint.js'
import type { LogLevel, ValidatedVariables } from './env-schema.js'
import { sampleEnvSchema, VARIABLE_HELP } from './env-schema.js'

/** An app's validated environment besides its identity: read once at startup, frozen. Holds no secret. */
export interface AppEnv {
  /** The App Configuration store's origin (`APP_CONFIG_ENDPOINT`). */
  readonly appConfigEndpoint: string
  /** `PORT` (default 8080; 0 picks a free port). */
  readonly port: number
  /** `HOST` (default `0.0.0.0` on an Azure host, `127.0.0.1` on a developer machine). */
  readonly host: string
  /** `APP_CONFIG_REFRESH_SECONDS` (default 30, minimum 1). */
  readonly refreshSeconds: number
  /** `APP_CONFIG_SENTINEL_KEY` (default `Settings:Sentinel`). */
  readonly sentinelKey: string
  /** `LOG_LEVEL` (default `info`). */
  readonly logLevel: LogLevel
  /** Where the code runs, from the platform's variables (`@uami/credential`'s `detectHost`). */
  readonly platform: HostKind
}

const IDENTITY_HELP: Readonly<Record<IdentityKind, string>> = {
  clientId:
    'az identity show --resource-group <resource-group> --name <identity-name> --query clientId --output tsv',
  resourceId:
    'az identity show --resource-group <resource-group> --name <identity-name> --query id --output tsv',
  objectId:
    'az identity show --resource-group <resource-group> --name <identity-name> --query principalId --output tsv',
}

function checkOtherKinds(source: EnvLike, kind: IdentityKind): void {
  const servicePrincipal = SERVICE_PRINCIPAL_VARIABLES.some(
    (name) => readVariable(source, name) !== undefined,
  )
  const others = IDENTITY_KINDS.filter((other) => other !== kind)
    .map((other) => identityVariable(other))
    .filter((name) => readVariable(source, name) !== undefined)
    .filter((name) => !(name === 'AZURE_CLIENT_ID' && servicePrincipal))
  if (others.length > 0) throw new TwoIdentifierKindsError({ own: identityVariable(kind), others })
}

interface SchemaIssue {
  readonly keyword?: string
  readonly instancePath?: string
  readonly params?: { readonly missingProperty?: string }
}

function schemaError(error: unknown, values: Readonly<Record<string, string>>): Error {
  const issues = (error as { errors?: readonly SchemaIssue[] } | null)?.errors
  const [issue] = Array.isArray(issues) ? issues : []
  if (issue === undefined) return error instanceof Error ? error : new Error(String(error))
  const variable =
    issue.keyword === 'required'
      ? (issue.params?.missingProperty ?? 'a variable')
      : (issue.instancePath ?? '').replace(/^\//, '')
  const help = VARIABLE_HELP[variable] ?? { expected: 'a valid value', fix: `Check ${variable}.` }
  if (issue.keyword === 'required') {
    return new MissingEnvError({ variable, purpose: `It must be ${help.expected}.`, fix: help.fix })
  }
  const raw = values[variable] ?? ''
  return new InvalidEnvError({
    variable,
    expected: help.expected,
    received: JSON.stringify(raw.length > 80 ? `${raw.slice(0, 77)}...` : raw),
    fix: help.fix,
  })
}

function readVariables(source: EnvLike): ValidatedVariables {
  const values: Record<string, string> = {}
  for (const name of Object.keys(sampleEnvSchema.properties)) {
    const value = readVariable(source, name)
    if (value !== undefined) values[name] = value
  }
  try {
    return envSchema<ValidatedVariables>({
      schema: structuredClone(sampleEnvSchema) as unknown as Record<string, unknown>,
      data: { ...values },
      env: false,
      dotenv: false,
    })
  } catch (error) {
    throw schemaError(error, values)
  }
}

/**
 * Reads the app's identifier from its own variable — `AZURE_CLIENT_ID` (client ID),
 * `AZURE_MANAGED_IDENTITY_RESOURCE_ID` (resource ID) or `AZURE_MANAGED_IDENTITY_OBJECT_ID` (object ID) — and
 * validates it with `@uami/credential` (position of a bad character, pasted quotes, resource IDs of other types).
 * Another kind's variable set as well is an error — except `AZURE_CLIENT_ID` next to `AZURE_CLIENT_SECRET`,
 * `AZURE_CLIENT_CERTIFICATE_PATH` or `AZURE_FEDERATED_TOKEN_FILE`, a service principal's client ID on a developer
 * machine. A bad `UAMI_HOST` or `AZURE_TOKEN_CREDENTIALS` fails here too, and so does a
 * `UAMI_IDENTITY_RESOURCE_ID` (optional: the identity's resource ID, named in the fix when the identity is not
 * attached) that is no user-assigned identity's resource ID. Empty variables count as unset.
 *
 * @param source - The process environment, read, never kept.
 * @param kind - The identifier kind the app chooses its identity by.
 * @returns The identity (IDs are not secrets).
 * @throws {@link MissingEnvError} (`UAMI_SAMPLE_ENV_MISSING`) when the variable is unset.
 * @throws {@link TwoIdentifierKindsError} (`UAMI_SAMPLE_TWO_IDENTIFIER_KINDS`) when another kind's is set.
 * @throws `@uami/credential` errors for a malformed identifier (`UAMI_CRED_INVALID_GUID`, …).
 * @example
 * ```ts
 * readIdentityEnv(process.env, 'clientId').value // '7d1f3f2e-…'
 * ```
 */
export function readIdentityEnv(source: EnvLike, kind: IdentityKind): SampleIdentity {
  checkOtherKinds(source, kind)
  const variable = identityVariable(kind)
  const value = readVariable(source, variable)
  if (value === undefined) {
    throw new MissingEnvError({
      variable,
      purpose: `This sample chooses its user-assigned managed identity by ${kind === 'clientId' ? 'client ID' : kind === 'resourceId' ? 'resource ID' : 'object (principal) ID'}; Azure does not pick a user-assigned identity for the app.`,
      fix: `Set ${variable} to the output of: ${IDENTITY_HELP[kind]}`,
    })
  }
  const selector = parseIdentitySelector({ kind, value, variable })
  // Optional, for the fix commands only (it never selects the identity): a resource ID of the right shape, or stop.
  const named = readVariable(source, IDENTITY_RESOURCE_ID_VARIABLE)
  if (named !== undefined) parseIdentityResourceId(named, IDENTITY_RESOURCE_ID_VARIABLE)
  chooseCredential({ selector, env: credentialEnvironment(source) })
  return Object.freeze({ kind, variable, value: selectorValue(selector), selector })
}

/**
 * Reads and validates, once at startup, what an app reading App Configuration needs besides its identity:
 * `APP_CONFIG_ENDPOINT`, `PORT`, `HOST`, `APP_CONFIG_REFRESH_SECONDS`, `APP_CONFIG_SENTINEL_KEY` and `LOG_LEVEL`
 * (env-schema). Empty variables count as unset.
 *
 * @param source - The process environment (`process.env`), read, never kept.
 * @returns The validated, frozen values. Holds no secret.
 * @throws {@link MissingEnvError} / {@link InvalidEnvError} naming the variable.
 * @example
 * ```ts
 * const { appConfigEndpoint, port, host } = readAppEnv(process.env)
 * ```
 */
export function readAppEnv(source: EnvLike): AppEnv {
  const variables = readVariables(source)
  const appConfigEndpoint = checkEndpoint(variables.APP_CONFIG_ENDPOINT)
  const platform = detectHost(source)
  return Object.freeze({
    appConfigEndpoint,
    port: variables.PORT,
    host: variables.HOST ?? (platform === 'developer-machine' ? '127.0.0.1' : '0.0.0.0'),
    refreshSeconds: variables.APP_CONFIG_REFRESH_SECONDS,
    sentinelKey: variables.APP_CONFIG_SENTINEL_KEY,
    logLevel: variables.LOG_LEVEL,
    platform,
  })
}
