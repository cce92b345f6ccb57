import { EndpointUnreachableError } from '../errors/endpoint-unreachable-error.js'
import { detectManagedIdentitySource } from '../host/managed-identity-source.js'
import type { AuthErrorContext, Resolved } from './context.js'
import { endpointLabel, storeNameFrom } from './context.js'
import type { ErrorFacts } from './error-facts.js'
import { originOf } from './error-facts.js'

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

/** Whether any error in the chain is a network failure (a Node error code, MSAL's `network_error`, …). */
export function isNetworkFailure(facts: readonly ErrorFacts[]): boolean {
  return facts.some(
    (fact) =>
      (fact.code !== undefined && NETWORK_CODES.has(fact.code)) ||
      fact.errorCode === 'network_error' ||
      NETWORK_MESSAGE.test(fact.message),
  )
}

/** Whether an error of the chain comes from `ManagedIdentityCredential` (the managed identity endpoint). */
export function isManagedIdentityFact(fact: ErrorFacts): boolean {
  return /ManagedIdentityCredential/.test(fact.message) || fact.name === 'CredentialUnavailableError'
}

/** Builds the `EndpointUnreachableError` for the managed identity endpoint or the service. */
export function unreachable(
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
  const managedIdentity = facts.some(isManagedIdentityFact)
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
          ? `Check the identity, then restart the revision:\naz containerapp identity show --resource-group ${resolved.resourceGroup ?? '<resource-group>'} --name ${resolved.hostName ?? '<containerapp-name>'}`
          : `Check the identity, then restart the app:\naz webapp identity show --resource-group ${resolved.resourceGroup ?? '<resource-group>'} --name ${resolved.hostName ?? '<app-name>'}`,
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
  const known = storeNameFrom(context, url)
  const storeName = known ?? '<store-name>'
  return new EndpointUnreachableError({
    target: 'service',
    endpoint: endpointLabel(endpoint, known) ?? endpoint,
    errorCode,
    why,
    fix: [
      "Compare the endpoint with the store's, and check that the store accepts this network:",
      `az appconfig show --name ${storeName} --query endpoint --output tsv`,
      `az appconfig show --name ${storeName} --query publicNetworkAccess --output tsv`,
    ].join('\n'),
    cause,
  })
}
