import { AccessForbiddenError } from '../errors/access-forbidden-error.js'
import { AuthenticationFailedError } from '../errors/authentication-failed-error.js'
import { EndpointUnreachableError } from '../errors/endpoint-unreachable-error.js'
import { IdentityNotAttachedError } from '../errors/identity-not-attached-error.js'
import { NoCredentialAvailableError } from '../errors/no-credential-available-error.js'
import type { UamiCredentialError } from '../errors/uami-credential-error.js'
import { isUamiCredentialError } from '../errors/uami-credential-error.js'
import { UnauthorizedError } from '../errors/unauthorized-error.js'
import type { HostKind } from '../host/detect-host.js'
import { detectHost, HOST_KINDS } from '../host/detect-host.js'
import { detectManagedIdentitySource } from '../host/managed-identity-source.js'
import { identityFromEnv } from '../identity/from-env.js'
import type { IdentitySelector } from '../identity/selector.js'
import { selectorKind, selectorValue } from '../identity/selector.js'
import { kindLabel } from '../identity/variables.js'
import type { AccessTokenClaims } from '../token/describe-access-token.js'
import type { EnvLike } from '../util/env.js'
import { readVar } from '../util/env.js'
import { attachIdentityCommand, roleAssignmentCommand, showHostIdentitiesCommand } from './commands.js'
import type { ErrorFacts } from './error-facts.js'
import { collectErrorFacts, originOf, summarize } from './error-facts.js'

/**
 * What `explainAuthError` may know about the situation, to fill in commands. Every field is optional; unknown
 * values become clearly marked placeholders such as `<resource-group>`. IDs and names are not secrets.
 */
export interface AuthErrorContext {
  /** Where the code runs. Default: {@link detectHost}(env). */
  readonly host?: HostKind | undefined
  /** Where to read host names (`WEBSITE_SITE_NAME`, `WEBSITE_RESOURCE_GROUP`, `CONTAINER_APP_NAME`), the identity variables, and secret values to redact. Default: `process.env`. */
  readonly env?: EnvLike | undefined
  /** The configured identity. Default: {@link identityFromEnv}(env), when valid. */
  readonly selector?: IdentitySelector | undefined
  /** The host's resource group. */
  readonly resourceGroup?: string | undefined
  /** The web app, container app or VM name. */
  readonly hostName?: string | undefined
  /** The identity's resource ID. */
  readonly identityResourceId?: string | undefined
  /** The identity's name (used when its resource ID is unknown). */
  readonly identityName?: string | undefined
  /** The identity's principal (object) ID. */
  readonly principalId?: string | undefined
  /** The App Configuration store's resource ID (the role assignment scope). */
  readonly storeId?: string | undefined
  /** The App Configuration store's name. */
  readonly storeName?: string | undefined
  /** The App Configuration store's endpoint, e.g. `https://mystore.azconfig.io`. */
  readonly storeEndpoint?: string | undefined
  /** Claims of the token that was used, from `describeAccessToken`. */
  readonly claims?: AccessTokenClaims | undefined
}

const NOT_ATTACHED =
  /identity not found|unable to load the proper managed identity|no (?:user[- ]assigned |managed )?identity (?:was )?found|managed identity (?:is )?not (?:found|assigned)/i
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ECONNABORTED',
  'EPIPE',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'REQUEST_SEND_ERROR',
])
const NETWORK_MESSAGE =
  /network unreachable|network_error|\b(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN)\b|socket hang up/i
const APP_CONFIG_HOST = /\.(azconfig\.io|appconfig\.azure\.(com|us|cn)|azconfig\.azure\.(us|cn))$/i
const APP_CONFIG_PATH = /^\/(kv|keys|labels|revisions|snapshots|locks)(\/|$)/i

const AADSTS_ADVICE: Readonly<Record<string, string>> = {
  AADSTS700016:
    'The application (client ID) was not found in the tenant: check AZURE_CLIENT_ID and AZURE_TENANT_ID.',
  AADSTS7000215:
    'The client secret is wrong: create a new one (az ad app credential reset --id <client-id>) and update AZURE_CLIENT_SECRET.',
  AADSTS7000222:
    'The client secret has expired: create a new one (az ad app credential reset --id <client-id>) and update AZURE_CLIENT_SECRET.',
  AADSTS90002:
    'The tenant was not found: check AZURE_TENANT_ID (az account show --query tenantId --output tsv).',
  AADSTS500011:
    'The resource (audience) was not found in the tenant: check the scope you request, e.g. https://appconfig.azure.com/.default.',
  AADSTS50020:
    'The signed-in account is not in the resource tenant: sign in to the right tenant (az login --tenant <tenant-id>).',
  AADSTS700024:
    'The client assertion is not within its valid time range: check the clock and the federated token file.',
}

interface Resolved {
  readonly env: EnvLike
  readonly host: HostKind | undefined
  readonly selector: IdentitySelector | undefined
  readonly resourceGroup: string | undefined
  readonly hostName: string | undefined
  readonly identityResourceId: string | undefined
  readonly identityName: string | undefined
  readonly principalId: string | undefined
}

function fromResourceId(id: string | undefined): { resourceGroup?: string; name?: string } {
  if (id === undefined) return {}
  const segments = id.split('/').filter(Boolean)
  const index = segments.findIndex((segment) => segment.toLowerCase() === 'resourcegroups')
  const resourceGroup = index >= 0 ? segments[index + 1] : undefined
  const name = segments.length >= 8 ? segments[segments.length - 1] : undefined
  return {
    ...(resourceGroup === undefined ? {} : { resourceGroup }),
    ...(name === undefined ? {} : { name }),
  }
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read()
  } catch {
    return undefined
  }
}

function resolve(context: AuthErrorContext): Resolved {
  const env = typeof context.env === 'object' && context.env !== null ? context.env : process.env
  const host =
    context.host !== undefined && (HOST_KINDS as readonly string[]).includes(context.host)
      ? context.host
      : safely(() => detectHost(env))
  const selector = context.selector ?? safely(() => identityFromEnv(env))
  const compute = fromResourceId(context.claims?.xms_az_rid)
  const envHostName =
    host === 'app-service'
      ? readVar(env, 'WEBSITE_SITE_NAME')
      : host === 'container-apps'
        ? readVar(env, 'CONTAINER_APP_NAME')
        : undefined
  const envResourceGroup = host === 'app-service' ? readVar(env, 'WEBSITE_RESOURCE_GROUP') : undefined
  const identityResourceId =
    context.identityResourceId ??
    selector?.resourceId ??
    (context.claims?.xms_mirid !== undefined && /userassignedidentities/i.test(context.claims.xms_mirid)
      ? context.claims.xms_mirid
      : undefined)
  return {
    env,
    host,
    selector,
    resourceGroup: context.resourceGroup ?? envResourceGroup ?? compute.resourceGroup,
    hostName: context.hostName ?? envHostName ?? compute.name,
    identityResourceId,
    identityName: context.identityName ?? fromResourceId(identityResourceId).name,
    principalId: context.principalId ?? selector?.objectId ?? context.claims?.oid,
  }
}

function notAttached(match: string, resolved: Resolved, cause: unknown): IdentityNotAttachedError {
  const { host, selector } = resolved
  const identity = resolved.identityResourceId ?? resolved.identityName
  const names = { resourceGroup: resolved.resourceGroup, hostName: resolved.hostName, identity }
  const commands =
    host === undefined || host === 'developer-machine'
      ? (['app-service', 'container-apps', 'vm'] as const).map((each) =>
          attachIdentityCommand({ host: each, ...names }),
        )
      : [attachIdentityCommand({ host, ...names })]
  let hint: string | undefined
  if (resolved.identityResourceId === undefined && selector !== undefined) {
    const kind = selectorKind(selector)
    const field = kind === 'clientId' ? 'clientId' : 'principalId'
    hint =
      resolved.identityName === undefined
        ? `Find the identity's resource ID: az identity list --query "[?${field}=='${selectorValue(selector)}'].id" --output tsv`
        : "A name works when the identity is in the host's resource group; otherwise use its resource ID."
  }
  return new IdentityNotAttachedError({
    host,
    identity:
      selector === undefined
        ? 'the configured ID'
        : `${kindLabel(selectorKind(selector))} ${selectorValue(selector)}`,
    endpointMessage: match,
    commands,
    showCommand:
      host === undefined || host === 'developer-machine'
        ? undefined
        : showHostIdentitiesCommand({
            host,
            resourceGroup: resolved.resourceGroup,
            hostName: resolved.hostName,
          }),
    hint,
    cause,
  })
}

function storeNameFrom(context: AuthErrorContext, url: string | undefined): string | undefined {
  if (context.storeName !== undefined) return context.storeName
  if (context.storeId !== undefined) return fromResourceId(context.storeId).name
  for (const candidate of [context.storeEndpoint, url]) {
    const origin = originOf(candidate)
    if (origin === undefined) continue
    const hostname = new URL(origin).hostname
    if (APP_CONFIG_HOST.test(hostname)) return hostname.split('.')[0]
  }
  return undefined
}

function isAppConfiguration(context: AuthErrorContext, url: string | undefined): boolean {
  if (context.storeId !== undefined || context.storeName !== undefined || context.storeEndpoint !== undefined)
    return true
  if (url === undefined) return false
  try {
    const parsed = new URL(url)
    return APP_CONFIG_HOST.test(parsed.hostname) || APP_CONFIG_PATH.test(parsed.pathname)
  } catch {
    return false
  }
}

function forbidden(
  fact: ErrorFacts,
  context: AuthErrorContext,
  resolved: Resolved,
  cause: unknown,
): AccessForbiddenError {
  const appConfig = isAppConfiguration(context, fact.url)
  const role = appConfig ? 'App Configuration Data Reader' : '<role>'
  const scope = context.storeId ?? (appConfig ? '<store-resource-id>' : '<resource-id>')
  const principalId = resolved.principalId ?? '<principal-id>'
  const hints: string[] = []
  if (resolved.principalId === undefined) {
    const clientId = resolved.selector?.clientId
    const lookup =
      resolved.identityResourceId !== undefined
        ? `az identity show --ids ${resolved.identityResourceId} --query principalId --output tsv`
        : clientId !== undefined
          ? `az identity list --query "[?clientId=='${clientId}'].principalId" --output tsv`
          : 'az identity show --resource-group <resource-group> --name <identity-name> --query principalId --output tsv'
    hints.push(`Find the principal ID: ${lookup}.`)
  }
  if (context.storeId === undefined && appConfig) {
    hints.push(
      `Find the store ID: az appconfig show --name ${storeNameFrom(context, fact.url) ?? '<store-name>'} --query id --output tsv.`,
    )
  }
  return new AccessForbiddenError({
    service: appConfig ? 'App Configuration' : 'The service',
    endpoint: originOf(fact.url) ?? originOf(context.storeEndpoint),
    role,
    scope,
    principalId,
    command: roleAssignmentCommand({ principalId, scope, role }),
    hint: hints.join(' ') || undefined,
    cause,
  })
}

function unreachable(
  facts: readonly ErrorFacts[],
  context: AuthErrorContext,
  resolved: Resolved,
  cause: unknown,
): EndpointUnreachableError {
  const codeFact =
    facts.find(
      (fact) => fact.code !== undefined && fact.code !== 'REQUEST_SEND_ERROR' && NETWORK_CODES.has(fact.code),
    ) ?? facts.find((fact) => fact.code !== undefined && NETWORK_CODES.has(fact.code))
  const errorCode =
    codeFact?.code ??
    facts.map((fact) => NETWORK_MESSAGE.exec(fact.message)?.[1]).find((code) => code !== undefined) ??
    (facts.some((fact) => fact.errorCode === 'network_error' || /network_error/.test(fact.message))
      ? 'network_error'
      : undefined)
  const managedIdentity = facts.some(
    (fact) => /ManagedIdentityCredential/.test(fact.message) || fact.name === 'CredentialUnavailableError',
  )
  if (managedIdentity) {
    const source = detectManagedIdentitySource(resolved.env)
    const endpoint = source.endpointVariable ?? 'IMDS at 169.254.169.254'
    if (source.endpointVariable === undefined) {
      return new EndpointUnreachableError({
        target: 'managed-identity-endpoint',
        endpoint,
        errorCode,
        why: 'IMDS answers only inside Azure (a VM, or a container on one), and no other managed identity variable is set: this code does not seem to run on an Azure host.',
        fix: 'On a developer machine, let DefaultAzureCredential use your sign-in (unset UAMI_HOST, or set AZURE_TOKEN_CREDENTIALS=dev); on a VM, check that no proxy or firewall blocks 169.254.169.254.',
        cause,
      })
    }
    if (source.endpointIsLoopback === true) {
      return new EndpointUnreachableError({
        target: 'managed-identity-endpoint',
        endpoint,
        errorCode,
        why: `${source.endpointVariable} points at this machine (the local emulator) and nothing answers there.`,
        fix: 'Start the local emulator (uami-emulator start) and use the environment it prints for the host (uami-emulator env <host-resource-id>).',
        cause,
      })
    }
    return new EndpointUnreachableError({
      target: 'managed-identity-endpoint',
      endpoint,
      errorCode,
      why: `${source.endpointVariable} is set by the platform while an identity is enabled, yet its endpoint did not answer.`,
      fix:
        resolved.host === 'container-apps'
          ? `Check the identity (az containerapp identity show --resource-group ${resolved.resourceGroup ?? '<resource-group>'} --name ${resolved.hostName ?? '<containerapp-name>'}) and restart the revision.`
          : `Check the identity (az webapp identity show --resource-group ${resolved.resourceGroup ?? '<resource-group>'} --name ${resolved.hostName ?? '<app-name>'}) and restart the app.`,
      cause,
    })
  }
  const url = facts.map((fact) => fact.url).find((each) => each !== undefined)
  const endpoint = originOf(url) ?? originOf(context.storeEndpoint) ?? 'The service endpoint'
  const why =
    errorCode === 'ENOTFOUND' || errorCode === 'EAI_AGAIN'
      ? 'The host name does not resolve: a typo in the endpoint, or a private endpoint this network cannot resolve.'
      : errorCode === 'ECONNREFUSED'
        ? 'Nothing accepts connections at that address and port.'
        : errorCode === 'ETIMEDOUT' || errorCode === 'UND_ERR_CONNECT_TIMEOUT'
          ? 'No answer in time: a firewall, a network rule or a private endpoint is in the way.'
          : 'The connection failed before any HTTP answer.'
  const storeName = storeNameFrom(context, url) ?? '<store-name>'
  return new EndpointUnreachableError({
    target: 'service',
    endpoint,
    errorCode,
    why,
    fix: `Check the endpoint against az appconfig show --name ${storeName} --query endpoint --output tsv, and whether the store accepts this network (--query publicNetworkAccess).`,
    cause,
  })
}

/**
 * Turns an error from `getToken()` or from a service call into a coded {@link UamiCredentialError} that says what
 * failed, why, and the command that fixes it, with the names from `context` (or the environment) filled in and
 * `<placeholders>` for the rest:
 *
 * | Situation | Result |
 * | --- | --- |
 * | The identity endpoint answered 400 "Identity not found" / "Unable to load the proper Managed Identity" (a `CredentialUnavailableError`) | {@link IdentityNotAttachedError} with `az webapp identity assign --identities` / `az containerapp identity assign --user-assigned` / `az vm identity assign --identities` |
 * | A `RestError` with `statusCode` 403 (App Configuration) | {@link AccessForbiddenError} with `az role assignment create --assignee-object-id … --assignee-principal-type ServicePrincipal --role "App Configuration Data Reader" --scope …` and the propagation note |
 * | `statusCode` 401 | {@link UnauthorizedError} |
 * | ECONNREFUSED, ENOTFOUND, ETIMEDOUT, `network_error`, … | {@link EndpointUnreachableError} (identity endpoint or service) |
 * | No credential available (developer machine not signed in, no identity enabled) | {@link NoCredentialAvailableError} |
 * | Anything else (with the `AADSTS` code when present) | {@link AuthenticationFailedError} |
 *
 * An error that already is a {@link UamiCredentialError} is returned as it is. The original error is kept as
 * `cause`. Messages never include a token, a client secret, the `IDENTITY_HEADER` value or an `Authorization`
 * header: text taken from SDK messages is redacted.
 *
 * @param error - Anything caught.
 * @param context - What is known about the host, identity and store; all optional.
 * @returns A coded error to throw, log or show. Never throws.
 * @example
 * ```ts
 * try {
 *   await client.getConfigurationSetting({ key: 'message' })
 * } catch (error) {
 *   throw explainAuthError(error, { storeId, principalId })
 * }
 * ```
 */
export function explainAuthError(error: unknown, context: AuthErrorContext = {}): UamiCredentialError {
  if (isUamiCredentialError(error)) return error
  const safeContext: AuthErrorContext = typeof context === 'object' && context !== null ? context : {}
  const resolved = resolve(safeContext)
  const facts = collectErrorFacts(error)
  const isEntra = (fact: ErrorFacts): boolean => fact.name === 'AuthenticationError'

  const forbiddenFact = facts.find((fact) => fact.statusCode === 403 && !isEntra(fact))
  if (forbiddenFact !== undefined) return forbidden(forbiddenFact, safeContext, resolved, error)

  const unauthorizedFact = facts.find((fact) => fact.statusCode === 401 && !isEntra(fact))
  if (unauthorizedFact !== undefined) {
    const appConfig = isAppConfiguration(safeContext, unauthorizedFact.url)
    const aud = safeContext.claims?.aud
    return new UnauthorizedError({
      service: appConfig ? 'App Configuration' : 'The service',
      endpoint: originOf(unauthorizedFact.url) ?? originOf(safeContext.storeEndpoint),
      audience: typeof aud === 'string' ? aud : aud?.join(' '),
      tenantId: safeContext.claims?.tid,
      expectedAudience: appConfig
        ? "https://appconfig.azure.com (or your cloud's App Configuration audience)"
        : undefined,
      cause: error,
    })
  }

  for (const fact of facts) {
    const match = NOT_ATTACHED.exec(fact.message)
    if (match !== null) return notAttached(match[0], resolved, error)
  }

  const network = facts.some(
    (fact) =>
      (fact.code !== undefined && NETWORK_CODES.has(fact.code)) ||
      fact.errorCode === 'network_error' ||
      NETWORK_MESSAGE.test(fact.message),
  )
  if (network) return unreachable(facts, safeContext, resolved, error)

  const aadsts = facts.map((fact) => /AADSTS\d+/.exec(fact.message)?.[0]).find((code) => code !== undefined)
  const [first] = facts
  const detail = summarize(first?.message ?? '', resolved.env)
  if (aadsts !== undefined) {
    return new AuthenticationFailedError({
      aadstsCode: aadsts,
      detail,
      advice: AADSTS_ADVICE[aadsts],
      cause: error,
    })
  }
  if (
    facts.some(
      (fact) => fact.name === 'CredentialUnavailableError' || fact.name === 'AggregateAuthenticationError',
    )
  ) {
    return new NoCredentialAvailableError({ host: resolved.host, detail, cause: error })
  }
  return new AuthenticationFailedError({ detail, cause: error })
}
