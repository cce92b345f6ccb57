import { once } from 'node:events'
import type { IncomingHttpHeaders } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { TestIdentity } from './ids.js'
import { TENANT_ID } from './ids.js'
import { fakeJwt } from './jwt.js'

/** One request the endpoint received. */
export interface RecordedRequest {
  readonly method: string
  readonly pathname: string
  readonly query: Readonly<Record<string, string>>
  readonly headers: IncomingHttpHeaders
}

export interface IdentityEndpointOptions {
  /** Identities attached to the host this endpoint serves. */
  readonly identities: readonly TestIdentity[]
  /** The `X-IDENTITY-HEADER` value the App Service protocol requires. */
  readonly identityHeader: string
  /** Resource ID of the compute host, put in `xms_az_rid`. */
  readonly hostResourceId: string
}

export interface IdentityEndpoint {
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string
  /** The value for `IDENTITY_ENDPOINT`. */
  readonly appServiceEndpoint: string
  readonly requests: RecordedRequest[]
  /** Every access token it issued (to check they never leak). */
  readonly issuedTokens: string[]
  close(): Promise<void>
}

const IMDS_PATH = /^\/metadata\/identity\/oauth2\/token\/?$/

/**
 * A small managed identity endpoint on 127.0.0.1 that speaks both protocols MSAL uses: App Service
 * (`GET /msi/token?api-version=2019-08-01`, `X-IDENTITY-HEADER`, `client_id` | `mi_res_id` | `object_id`) and
 * IMDS (`GET /metadata/identity/oauth2/token/?api-version=2018-02-01`, `Metadata: true`, `client_id` |
 * `msi_res_id` | `mi_res_id` | `object_id`). It answers JSON bodies only, with `expires_on`, and 400 for identities
 * that are not attached — "Unable to load the proper Managed Identity." (App Service) or "Identity not found" (IMDS).
 */
export async function startIdentityEndpoint(options: IdentityEndpointOptions): Promise<IdentityEndpoint> {
  const requests: RecordedRequest[] = []
  const issuedTokens: string[] = []
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const query = Object.fromEntries(url.searchParams)
    requests.push({ method: request.method ?? '', pathname: url.pathname, query, headers: request.headers })
    const send = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(JSON.stringify(body))
    }
    const appService = url.pathname === '/msi/token'
    const imds = IMDS_PATH.test(url.pathname)
    if (!appService && !imds)
      return send(404, { error: 'not_found', error_description: `No route ${url.pathname}` })
    if (appService && request.headers['x-identity-header'] !== options.identityHeader) {
      return send(401, { statusCode: 401, message: 'The X-IDENTITY-HEADER is missing or wrong.' })
    }
    if (imds && request.headers.metadata !== 'true') {
      return send(400, {
        error: 'invalid_request',
        error_description: 'Required metadata header not specified',
      })
    }
    const expectedVersion = appService ? '2019-08-01' : '2018-02-01'
    if (query['api-version'] !== expectedVersion) {
      return send(400, {
        error: 'invalid_request',
        error_description: `Unexpected api-version ${query['api-version']}`,
      })
    }
    const resource = query.resource
    if (resource === undefined)
      return send(400, { error: 'invalid_request', error_description: 'resource is required' })
    const lower = (value: string | undefined): string | undefined => value?.toLowerCase()
    const clientId = lower(query.client_id)
    const objectId = lower(query.object_id ?? query.principal_id)
    const resourceId = lower(appService ? query.mi_res_id : (query.msi_res_id ?? query.mi_res_id))
    const identity = options.identities.find(
      (candidate) =>
        (clientId !== undefined && candidate.clientId === clientId) ||
        (objectId !== undefined && candidate.objectId === objectId) ||
        (resourceId !== undefined && candidate.resourceId.toLowerCase() === resourceId),
    )
    if (identity === undefined) {
      return appService
        ? send(400, {
            statusCode: 400,
            message: 'Unable to load the proper Managed Identity.',
            correlationId: 'test',
          })
        : send(400, { error: 'invalid_request', error_description: 'Identity not found' })
    }
    const now = Math.floor(Date.now() / 1000)
    const token = fakeJwt({
      aud: resource,
      iss: `https://sts.windows.net/${TENANT_ID}/`,
      iat: now,
      nbf: now,
      exp: now + 86_400,
      appid: identity.clientId,
      appidacr: '2',
      idtyp: 'app',
      oid: identity.objectId,
      sub: identity.objectId,
      tid: TENANT_ID,
      ver: '1.0',
      xms_mirid: identity.resourceId.replace('/resourceGroups/', '/resourcegroups/'),
      xms_az_rid: options.hostResourceId,
    })
    issuedTokens.push(token)
    send(200, {
      access_token: token,
      expires_on: String(now + 86_400),
      expires_in: '86400',
      resource,
      token_type: 'Bearer',
      client_id: identity.clientId,
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`
  return {
    origin,
    appServiceEndpoint: `${origin}/msi/token`,
    requests,
    issuedTokens,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A loopback port with nothing listening on it (bound, then released). */
export async function closedLoopbackPort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
