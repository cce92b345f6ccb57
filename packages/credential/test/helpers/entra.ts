import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { fakeJwt } from './jwt.js'

export const LOOPBACK_CERT_PATH = fileURLToPath(new URL('../fixtures/loopback-cert.pem', import.meta.url))
const LOOPBACK_KEY_PATH = fileURLToPath(new URL('../fixtures/loopback-key.pem', import.meta.url))

export interface EntraRequest {
  readonly method: string
  readonly pathname: string
  readonly form: Readonly<Record<string, string>>
}

export interface FakeEntra {
  /** `https://127.0.0.1:PORT` — the value for `AZURE_AUTHORITY_HOST`. */
  readonly authorityHost: string
  readonly requests: EntraRequest[]
  readonly issuedTokens: string[]
  close(): Promise<void>
}

/**
 * A minimal Microsoft Entra ID on https://127.0.0.1 (test certificate in test/fixtures, trusted by children through
 * NODE_EXTRA_CA_CERTS): OpenID discovery and the client-credentials token endpoint for one service principal.
 */
export async function startFakeEntra(principal: {
  readonly tenantId: string
  readonly clientId: string
  readonly clientSecret: string
  readonly objectId: string
}): Promise<FakeEntra> {
  const requests: EntraRequest[] = []
  const issuedTokens: string[] = []
  const server = createServer(
    { key: readFileSync(LOOPBACK_KEY_PATH), cert: readFileSync(LOOPBACK_CERT_PATH) },
    (request, response) => {
      let body = ''
      request.setEncoding('utf8')
      request.on('data', (chunk: string) => {
        body += chunk
      })
      request.on('end', () => {
        const url = new URL(request.url ?? '/', 'https://127.0.0.1')
        const form = Object.fromEntries(new URLSearchParams(body))
        requests.push({ method: request.method ?? '', pathname: url.pathname, form })
        const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
        const send = (status: number, payload: unknown): void => {
          response.writeHead(status, { 'content-type': 'application/json' })
          response.end(JSON.stringify(payload))
        }
        const tenant = principal.tenantId
        if (url.pathname === `/${tenant}/v2.0/.well-known/openid-configuration`) {
          return send(200, {
            issuer: `${origin}/${tenant}/v2.0`,
            token_endpoint: `${origin}/${tenant}/oauth2/v2.0/token`,
            authorization_endpoint: `${origin}/${tenant}/oauth2/v2.0/authorize`,
            jwks_uri: `${origin}/${tenant}/discovery/v2.0/keys`,
            end_session_endpoint: `${origin}/${tenant}/oauth2/v2.0/logout`,
            response_types_supported: ['code', 'token'],
            subject_types_supported: ['pairwise'],
            id_token_signing_alg_values_supported: ['RS256'],
          })
        }
        if (url.pathname === `/${tenant}/oauth2/v2.0/token` && request.method === 'POST') {
          if (form.client_id !== principal.clientId || form.client_secret !== principal.clientSecret) {
            return send(401, {
              error: 'invalid_client',
              error_description: 'AADSTS7000215: Invalid client secret provided.',
              error_codes: [7000215],
            })
          }
          const now = Math.floor(Date.now() / 1000)
          const token = fakeJwt({
            aud: (form.scope ?? '').replace('/.default', ''),
            iss: `${origin}/${tenant}/v2.0`,
            iat: now,
            nbf: now,
            exp: now + 3600,
            azp: principal.clientId,
            oid: principal.objectId,
            tid: tenant,
            ver: '2.0',
          })
          issuedTokens.push(token)
          return send(200, {
            token_type: 'Bearer',
            expires_in: 3600,
            ext_expires_in: 3600,
            access_token: token,
          })
        }
        send(404, { error: 'not_found', error_description: `No route ${url.pathname}` })
      })
    },
  )
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    authorityHost: `https://127.0.0.1:${port}`,
    requests,
    issuedTokens,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
