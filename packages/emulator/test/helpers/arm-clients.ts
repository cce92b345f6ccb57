import { AppConfigurationManagementClient } from '@azure/arm-appconfiguration'
import { ContainerAppsAPIClient } from '@azure/arm-appcontainers'
import { WebSiteManagementClient } from '@azure/arm-appservice'
import { AuthorizationManagementClient } from '@azure/arm-authorization'
import { ComputeManagementClient } from '@azure/arm-compute'
import { ManagedServiceIdentityClient } from '@azure/arm-msi'
import { ResourceManagementClient } from '@azure/arm-resources'
import type { TokenCredential } from '@azure/identity'
import type { RunningEmulator } from '../../src/index.ts'
import { developerCredential } from './emulator.ts'

/** The real `@azure/arm-*` clients, pointed at the emulator's ARM endpoint. */
export interface ArmClients {
  resources: ResourceManagementClient
  msi: ManagedServiceIdentityClient
  authorization: AuthorizationManagementClient
  appConfiguration: AppConfigurationManagementClient
  web: WebSiteManagementClient
  containerApps: ContainerAppsAPIClient
  compute: ComputeManagementClient
}

/** Fast polling: the emulator completes long-running operations at once. */
export const lro = { updateIntervalInMs: 10 } as const

/**
 * Builds every ARM client the tour uses, with `endpoint` set to the emulator and (by default) the developer's
 * `ClientSecretCredential`. Retries are off so error tests see the first answer.
 */
export function armClients(
  emulator: RunningEmulator,
  credential: TokenCredential = developerCredential(emulator),
): ArmClients {
  const sub = emulator.subscriptionId
  const options = { endpoint: emulator.armEndpoint, retryOptions: { maxRetries: 0 } }
  return {
    resources: new ResourceManagementClient(credential, sub, options),
    msi: new ManagedServiceIdentityClient(credential, sub, options),
    authorization: new AuthorizationManagementClient(credential, sub, options),
    appConfiguration: new AppConfigurationManagementClient(credential, sub, options),
    web: new WebSiteManagementClient(credential, sub, options),
    containerApps: new ContainerAppsAPIClient(credential, sub, options),
    compute: new ComputeManagementClient(credential, sub, options),
  }
}

/** A loosely typed ARM JSON body. */
export interface ArmJson {
  error?: { code: string; message: string }
  value?: ArmJson[]
  [key: string]: unknown
}

/** What {@link armFetch} returns. */
export interface ArmResponse {
  status: number
  body: ArmJson | undefined
  headers: Headers
}

/** A raw ARM request with the developer's token (for shapes the SDK clients cannot send). */
export async function armFetch(
  emulator: RunningEmulator,
  path: string,
  init: { method?: string; body?: unknown; token?: string | null; rawBody?: string } = {},
): Promise<ArmResponse> {
  const token =
    init.token === undefined
      ? (await developerCredential(emulator).getToken('https://management.azure.com/.default')).token
      : init.token
  const headers: Record<string, string> = {}
  if (token !== null) headers.authorization = `Bearer ${token}`
  let body: string | undefined
  if (init.rawBody !== undefined) body = init.rawBody
  else if (init.body !== undefined) body = JSON.stringify(init.body)
  if (body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`${emulator.armEndpoint}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(body === undefined ? {} : { body }),
  })
  const text = await response.text()
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as ArmJson) : undefined,
    headers: response.headers,
  }
}

/** The ARM error a client call failed with: HTTP status, ARM `code` and message. Throws if it succeeded. */
export async function armError(
  call: Promise<unknown>,
): Promise<{ statusCode: number | undefined; code: string | undefined; message: string }> {
  try {
    await call
  } catch (error) {
    const e = error as { statusCode?: number; code?: string; message: string }
    return { statusCode: e.statusCode, code: e.code, message: e.message }
  }
  throw new Error('Expected the ARM call to fail, but it succeeded.')
}
