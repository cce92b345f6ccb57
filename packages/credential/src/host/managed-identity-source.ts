import type { EnvLike } from '../util/env.js'
import { readVar } from '../util/env.js'
import { isLoopbackUrl } from '../util/loopback.js'

/** MSAL's names for the managed identity sources, as `@azure/identity` logs them. */
export type ManagedIdentitySource =
  | 'ServiceFabric'
  | 'AppService'
  | 'MachineLearning'
  | 'CloudShell'
  | 'AzureArc'
  | 'DefaultToImds'

/** Which source MSAL will use, from the environment, without any value. */
export interface ManagedIdentitySourceReport {
  /** The source MSAL picks. */
  readonly source: ManagedIdentitySource
  /** Names of the variables that selected it (empty for the IMDS default). */
  readonly variables: readonly string[]
  /** The variable holding the endpoint, or `undefined` when MSAL uses IMDS at 169.254.169.254. */
  readonly endpointVariable: string | undefined
  /** Whether that endpoint is a loopback address (the local emulator); `undefined` when not from a variable or unparsable. */
  readonly endpointIsLoopback: boolean | undefined
  /** Whether the source can select a user-assigned identity (Cloud Shell and Service Fabric cannot). */
  readonly userAssignedSupported: boolean
  /** One sentence, naming variables, never values. */
  readonly description: string
}

function report(
  source: ManagedIdentitySource,
  variables: readonly string[],
  endpointVariable: string | undefined,
  env: EnvLike,
  description: string,
): ManagedIdentitySourceReport {
  const endpoint = endpointVariable === undefined ? undefined : readVar(env, endpointVariable)
  return Object.freeze({
    source,
    variables: Object.freeze([...variables]),
    endpointVariable,
    endpointIsLoopback: endpoint === undefined ? undefined : isLoopbackUrl(endpoint),
    userAssignedSupported: source !== 'CloudShell' && source !== 'ServiceFabric',
    description,
  })
}

/**
 * Reports which managed identity source MSAL (inside `ManagedIdentityCredential`) will choose, in MSAL's order:
 * ServiceFabric (`IDENTITY_ENDPOINT` + `IDENTITY_HEADER` + `IDENTITY_SERVER_THUMBPRINT`) → AppService
 * (`IDENTITY_ENDPOINT` + `IDENTITY_HEADER`, also Container Apps) → MachineLearning (`MSI_ENDPOINT` + `MSI_SECRET`)
 * → CloudShell (`MSI_ENDPOINT`) → AzureArc (`IDENTITY_ENDPOINT` + `IMDS_ENDPOINT`) → IMDS
 * (`AZURE_POD_IDENTITY_AUTHORITY_HOST`, else 169.254.169.254). Reports variable names only, never values —
 * `uami doctor` prints it.
 *
 * Differences from MSAL: MSAL also detects Azure Arc from the `himds` executable on disk; this reads only the
 * environment. And `@azure/identity` uses its own token exchange (workload identity) before MSAL when
 * `AZURE_FEDERATED_TOKEN_FILE` is set with a tenant and client ID.
 *
 * @param env - Where to read. Default: `process.env`.
 * @returns The source, the variables that selected it, and whether it supports user-assigned identities.
 * @example
 * ```ts
 * detectManagedIdentitySource({ IDENTITY_ENDPOINT: 'http://…', IDENTITY_HEADER: '…' }).source // 'AppService'
 * ```
 */
export function detectManagedIdentitySource(env: EnvLike = process.env): ManagedIdentitySourceReport {
  const source = typeof env === 'object' && env !== null ? env : {}
  const has = (name: string): boolean => readVar(source, name) !== undefined
  if (has('IDENTITY_ENDPOINT') && has('IDENTITY_HEADER') && has('IDENTITY_SERVER_THUMBPRINT')) {
    return report(
      'ServiceFabric',
      ['IDENTITY_ENDPOINT', 'IDENTITY_HEADER', 'IDENTITY_SERVER_THUMBPRINT'],
      'IDENTITY_ENDPOINT',
      source,
      'Service Fabric: IDENTITY_ENDPOINT, IDENTITY_HEADER and IDENTITY_SERVER_THUMBPRINT are set.',
    )
  }
  if (has('IDENTITY_ENDPOINT') && has('IDENTITY_HEADER')) {
    return report(
      'AppService',
      ['IDENTITY_ENDPOINT', 'IDENTITY_HEADER'],
      'IDENTITY_ENDPOINT',
      source,
      'App Service protocol (App Service, Functions, Container Apps): IDENTITY_ENDPOINT and IDENTITY_HEADER are set.',
    )
  }
  if (has('MSI_ENDPOINT') && has('MSI_SECRET')) {
    return report(
      'MachineLearning',
      ['MSI_ENDPOINT', 'MSI_SECRET'],
      'MSI_ENDPOINT',
      source,
      'Azure Machine Learning (legacy protocol): MSI_ENDPOINT and MSI_SECRET are set.',
    )
  }
  if (has('MSI_ENDPOINT')) {
    return report('CloudShell', ['MSI_ENDPOINT'], 'MSI_ENDPOINT', source, 'Cloud Shell: MSI_ENDPOINT is set.')
  }
  if (has('IDENTITY_ENDPOINT') && has('IMDS_ENDPOINT')) {
    return report(
      'AzureArc',
      ['IDENTITY_ENDPOINT', 'IMDS_ENDPOINT'],
      'IDENTITY_ENDPOINT',
      source,
      'Azure Arc: IDENTITY_ENDPOINT and IMDS_ENDPOINT are set.',
    )
  }
  if (has('AZURE_POD_IDENTITY_AUTHORITY_HOST')) {
    return report(
      'DefaultToImds',
      ['AZURE_POD_IDENTITY_AUTHORITY_HOST'],
      'AZURE_POD_IDENTITY_AUTHORITY_HOST',
      source,
      'IMDS protocol at the host in AZURE_POD_IDENTITY_AUTHORITY_HOST.',
    )
  }
  return report(
    'DefaultToImds',
    [],
    undefined,
    source,
    'IMDS at 169.254.169.254 (no managed identity variable is set; reachable only inside an Azure VM).',
  )
}
