import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { EmulatorContext } from '../context.js'
import { attachedIdentities, findHostByKey } from './attached.js'
import {
  needsIdentifierMessage,
  noIdentityMessage,
  notAttachedMessage,
  unknownHostMessage,
  wrongProtocolMessage,
} from './messages.js'
import { imdsError, mintFor, requestedResource } from './responses.js'
import { imdsParameters, readSelectors, selectIdentity } from './select.js'

/** The api-version MSAL and @azure/identity send to IMDS (PROTOCOLS.md §1). Later dated versions are accepted. */
export const IMDS_API_VERSION = '2018-02-01'

type TokenRequest = FastifyRequest<{ Params: { hostKey: string }; Querystring: Record<string, unknown> }>

/**
 * The IMDS managed identity endpoint of every emulated VM, reached through
 * `AZURE_POD_IDENTITY_AUTHORITY_HOST=http://127.0.0.1:PORT/{imdsKey}`:
 * `GET /{imdsKey}/metadata/identity/oauth2/token[/]?api-version=2018-02-01&resource=...[&client_id|msi_res_id|mi_res_id|object_id=...]`
 * with `Metadata: true`. Errors are `{error, error_description}` JSON, never 404 (clients retry 404s).
 */
export async function imdsRoutes(app: FastifyInstance, opts: { ctx: EmulatorContext }): Promise<void> {
  const { ctx } = opts

  app.get('/metadata/identity/oauth2/token', async (_request, reply) =>
    imdsError(
      reply,
      400,
      'invalid_request',
      'This IMDS endpoint names no host. AZURE_POD_IDENTITY_AUTHORITY_HOST must be the per-host URL `uami-emulator env <hostResourceId>` prints (http://127.0.0.1:PORT/<host key>).',
    ),
  )

  app.get('/:hostKey/metadata/identity/oauth2/token', async (request: TokenRequest, reply) => {
    const { hostKey } = request.params
    const host = findHostByKey(ctx.state.data, hostKey)
    if (!host) return imdsError(reply, 400, 'invalid_request', unknownHostMessage(hostKey))
    if (host.kind !== 'virtualMachine') {
      return imdsError(reply, 400, 'invalid_request', wrongProtocolMessage(host, 'imds'))
    }
    if (request.headers['x-forwarded-for'] !== undefined) {
      return imdsError(
        reply,
        400,
        'invalid_request',
        'Requests with an X-Forwarded-For header are refused: IMDS answers only requests made directly from the VM, not through a proxy.',
      )
    }
    if (String(request.headers.metadata ?? '').toLowerCase() !== 'true') {
      return imdsError(reply, 400, 'bad_request_102', 'Required metadata header not specified')
    }
    const query = request.query
    const apiVersion = query['api-version']
    if (typeof apiVersion !== 'string' || !isSupportedApiVersion(apiVersion)) {
      return imdsError(
        reply,
        400,
        'invalid_request',
        apiVersion === undefined
          ? `Required parameter api-version not specified; use ${IMDS_API_VERSION}.`
          : `api-version '${String(apiVersion)}' is not supported; use ${IMDS_API_VERSION}.`,
      )
    }
    const resource = requestedResource(query.resource)
    if (!resource) {
      return imdsError(reply, 400, 'invalid_request', 'Required audience parameter not specified')
    }
    const { selector, present } = readSelectors(query, imdsParameters)
    if (present.length > 1) {
      return imdsError(
        reply,
        400,
        'invalid_request',
        `Only one of client_id, msi_res_id, mi_res_id or object_id may be given; the request has ${present.join(', ')}.`,
      )
    }
    const selection = selectIdentity(attachedIdentities(ctx.state.data, host), selector, 'imds')
    if (!selection.ok) {
      const description =
        selection.reason === 'not-attached' && selector
          ? notAttachedMessage(host, selector)
          : selection.reason === 'none'
            ? noIdentityMessage(host)
            : needsIdentifierMessage(host, 'imds')
      return imdsError(reply, 400, 'invalid_request', description)
    }
    const token = await mintFor(ctx, host, selection.identity, resource)
    const now = Math.floor(Date.now() / 1000)
    reply.header('cache-control', 'no-store')
    return {
      access_token: token.accessToken,
      refresh_token: '',
      expires_in: String(token.expiresOn - now),
      expires_on: String(token.expiresOn),
      ext_expires_in: String(token.expiresOn - now),
      not_before: String(token.notBefore),
      resource,
      token_type: 'Bearer',
      client_id: selection.identity.clientId,
    }
  })
}

/** IMDS identity api-versions are dates; 2018-02-01 is the oldest current one. */
function isSupportedApiVersion(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && value >= IMDS_API_VERSION
}
