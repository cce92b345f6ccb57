import { AccessForbiddenError } from '../errors/access-forbidden-error.js'
import { AuthenticationFailedError } from '../errors/authentication-failed-error.js'
import { IdentityEndpointUnavailableError } from '../errors/identity-endpoint-unavailable-error.js'
import { IdentityNotAttachedError } from '../errors/identity-not-attached-error.js'
import { NoCredentialAvailableError } from '../errors/no-credential-available-error.js'
import type { UamiCredentialError } from '../errors/uami-credential-error.js'
import { isUamiCredentialError } from '../errors/uami-credential-error.js'
import { UnauthorizedError } from '../errors/unauthorized-error.js'
import { detectManagedIdentitySource } from '../host/managed-identity-source.js'
import { selectorKind, selectorValue } from '../identity/selector.js'
import { kindLabel } from '../identity/variables.js'
import {
  attachIdentityCommand,
  roleAssignmentCommand,
  roleAssignmentListCommand,
  showHostIdentitiesCommand,
} from './commands.js'
import type { AuthErrorContext, Resolved } from './context.js'
import { endpointLabel, isAppConfiguration, resolve, storeNameFrom } from './context.js'
import type { ErrorFacts } from './error-facts.js'
import { collectErrorFacts, originOf, summarize } from './error-facts.js'
import { isManagedIdentityFact, isNetworkFailure, unreachable } from './unreachable.js'

export type { AuthErrorContext, RoleAssignmentState } from './context.js'

const NOT_ATTACHED =
  /identity not found|unable to load the proper managed identity|no (?:user[- ]assigned |managed )?identity (?:was )?found|managed identity (?:is )?not (?:found|assigned)/i

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

function notAttached(match: string, resolved: Resolved, cause: unknown): IdentityNotAttachedError {
  const { host, selector } = resolved
  const identity = resolved.identityResourceId ?? resolved.identityName
  // Without the resource ID the command looks it up from the configured client ID or object ID.
  const kind = selector === undefined ? undefined : selectorKind(selector)
  const lookup =
    identity !== undefined || selector === undefined || kind === 'resourceId'
      ? undefined
      : {
          by: kind === 'clientId' ? ('clientId' as const) : ('principalId' as const),
          value: selectorValue(selector),
        }
  const names = { resourceGroup: resolved.resourceGroup, hostName: resolved.hostName, identity, lookup }
  const commands =
    host === undefined || host === 'developer-machine'
      ? (['app-service', 'container-apps', 'vm'] as const).map((each) =>
          attachIdentityCommand({ host: each, ...names }),
        )
      : [attachIdentityCommand({ host, ...names })]
  const hint =
    resolved.identityResourceId === undefined && resolved.identityName !== undefined
      ? "A name works when the identity is in the host's resource group; otherwise use its resource ID."
      : undefined
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
    hints.push('Find the principal ID:', lookup)
  }
  const storeName = storeNameFrom(context, fact.url)
  if (context.storeId === undefined && appConfig) {
    hints.push(
      'Find the store ID:',
      `az appconfig show --name ${storeName ?? '<store-name>'} --query id --output tsv`,
    )
  }
  return new AccessForbiddenError({
    service: appConfig ? 'App Configuration' : 'The service',
    endpoint: endpointLabel(originOf(fact.url) ?? originOf(context.storeEndpoint), storeName),
    role,
    scope,
    principalId,
    command: roleAssignmentCommand({ principalId, scope, role }),
    listCommand: appConfig ? roleAssignmentListCommand({ principalId, scope }) : undefined,
    assignment: context.roleAssignment,
    hint: hints.join('\n') || undefined,
    cause,
  })
}

/**
 * Turns an error from `getToken()` or from a service call into a coded `UamiCredentialError` that says what
 * failed, why, and the command that fixes it, with the names from `context` (or the environment) filled in and
 * `<placeholders>` for the rest:
 *
 * | Situation | Result |
 * | --- | --- |
 * | The identity endpoint answered 400 "Identity not found" / "Unable to load the proper Managed Identity" (a `CredentialUnavailableError`) | {@link IdentityNotAttachedError} with `az webapp identity assign --identities` / `az containerapp identity assign --user-assigned` / `az vm identity assign --identities` |
 * | A `RestError` with `statusCode` 403 (App Configuration) | {@link AccessForbiddenError} with `az role assignment create --assignee-object-id … --assignee-principal-type ServicePrincipal --role "App Configuration Data Reader" --scope …` and the propagation note |
 * | `statusCode` 401 | {@link UnauthorizedError} |
 * | The managed identity endpoint answered 429 or 5xx (MSAL's `ServerError.status`), after the SDK's retries | `IdentityEndpointUnavailableError` |
 * | ECONNREFUSED, ENOTFOUND, ETIMEDOUT, `network_error`, … | `EndpointUnreachableError` (identity endpoint or service) |
 * | No credential available (developer machine not signed in, no identity enabled) | {@link NoCredentialAvailableError} |
 * | Anything else (with the `AADSTS` code when present) | {@link AuthenticationFailedError} |
 *
 * An error that already is a `UamiCredentialError` is returned as it is. The original error is kept as
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

  const unavailable = facts.find(
    (fact) => fact.status !== undefined && (fact.status === 429 || (fact.status >= 500 && fact.status < 600)),
  )
  if (unavailable?.status !== undefined && facts.some(isManagedIdentityFact)) {
    const source = detectManagedIdentitySource(resolved.env)
    return new IdentityEndpointUnavailableError({
      status: unavailable.status,
      endpoint: source.endpointVariable ?? 'IMDS at 169.254.169.254',
      cause: error,
    })
  }

  for (const fact of facts) {
    const match = NOT_ATTACHED.exec(fact.message)
    if (match !== null) return notAttached(match[0], resolved, error)
  }

  if (isNetworkFailure(facts)) return unreachable(facts, safeContext, resolved, error)

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
