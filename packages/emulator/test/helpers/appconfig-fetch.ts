import type { TokenCredential } from '@azure/identity'

/** A raw data-plane answer: status, headers and the body parsed as JSON when there is one. */
export interface DataPlaneResponse {
  status: number
  headers: Headers
  // biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary JSON bodies.
  body: any
  text: string
}

/**
 * A raw request to a store's data plane, for wire details the SDK hides (problem documents, headers, bad input).
 * Authenticated with `credential` (scope `https://appconfig.azure.com/.default`) unless `authorization` is given
 * (`null` sends no Authorization header).
 */
export async function dataPlaneFetch(
  endpoint: string,
  path: string,
  init: {
    method?: string
    credential?: TokenCredential
    authorization?: string | null
    headers?: Record<string, string>
    body?: string
  } = {},
): Promise<DataPlaneResponse> {
  const headers: Record<string, string> = { ...init.headers }
  if (init.authorization !== undefined) {
    if (init.authorization !== null) headers.authorization = init.authorization
  } else if (init.credential) {
    const token = await init.credential.getToken('https://appconfig.azure.com/.default')
    headers.authorization = `Bearer ${token?.token}`
  }
  const response = await fetch(`${endpoint}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body === undefined ? {} : { body: init.body }),
  })
  const text = await response.text()
  let body: unknown
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    body = undefined
  }
  return { status: response.status, headers: response.headers, body, text }
}

/** Sync-Token format the SDK requires (`syncTokenPolicy.ts`). */
export const SYNC_TOKEN = /^([^=]+)=([^;]+);sn=(\d+)$/
