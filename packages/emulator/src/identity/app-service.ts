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
import { appServiceError, mintFor, requestedResource } from './responses.js'
import { secretSatisfied } from './secret.js'
import { appServiceParameters, readSelectors, selectIdentity } from './select.js'

/** The only api-version of the current App Service / Container Apps protocol (PROTOCOLS.md §2). */
export const APP_SERVICE_API_VERSION = '2019-08-01'

type TokenRequest = FastifyRequest<{ Params: { hostKey: string }; Querystring: Record<string, unknown> }>

/**
 * The App Service / Container Apps managed identity endpoint of every emulated site and container app:
 * `GET /{imdsKey}/msi/token?api-version=2019-08-01&resource=...[&client_id|mi_res_id|object_id|principal_id=...]`
 * with the host's secret in `X-IDENTITY-HEADER`. Errors are always JSON and never 404 (clients retry 404s).
 */
export async function appServiceRoutes(app: FastifyInstance, opts: { ctx: EmulatorContext }): Promise<void> {
  const { ctx } = opts

  app.get('/msi/token', async (_request, reply) =>
    appServiceError(
      reply,
      400,
      'This identity endpoint names no host. IDENTITY_ENDPOINT must be the per-host URL `uami-emulator env <hostResourceId>` prints (http://127.0.0.1:PORT/<host key>/msi/token).',
    ),
  )

  app.get('/:hostKey/msi/token', async (request: TokenRequest, reply) => {
    const { hostKey } = request.params
    const host = findHostByKey(ctx.state.data, hostKey)
    if (!host) return appServiceError(reply, 400, unknownHostMessage(hostKey))
    if (host.kind === 'virtualMachine') {
      return appServiceError(reply, 400, wrongProtocolMessage(host, 'appService'))
    }
    const secret = secretSatisfied(request.headers['x-identity-header'], host.identityHeader)
    if (secret !== 'ok') {
      return appServiceError(
        reply,
        401,
        secret === 'missing'
          ? 'Unauthorized: the X-IDENTITY-HEADER header is missing. Send the value of IDENTITY_HEADER in it.'
          : "Unauthorized: the X-IDENTITY-HEADER value is not this host's IDENTITY_HEADER.",
      )
    }
    const query = request.query
    const apiVersion = query['api-version']
    if (apiVersion !== APP_SERVICE_API_VERSION) {
      return appServiceError(
        reply,
        400,
        apiVersion === undefined
          ? `The api-version query parameter is required; use ${APP_SERVICE_API_VERSION}.`
          : `api-version '${String(apiVersion)}' is not supported with X-IDENTITY-HEADER; use ${APP_SERVICE_API_VERSION}.`,
      )
    }
    const resource = requestedResource(query.resource)
    if (!resource) {
      return appServiceError(
        reply,
        400,
        'The resource query parameter is required (the audience of the token, e.g. https://appconfig.azure.com).',
      )
    }
    const { selector, present } = readSelectors(query, appServiceParameters)
    if (present.length > 1) {
      return appServiceError(
        reply,
        400,
        `Only one of client_id, mi_res_id, object_id or principal_id may be given; the request has ${present.join(', ')}.`,
      )
    }
    const selection = selectIdentity(attachedIdentities(ctx.state.data, host), selector, 'appService')
    if (!selection.ok) {
      if (selection.reason === 'not-attached' && selector) {
        return appServiceError(reply, 400, notAttachedMessage(host, selector))
      }
      const why =
        selection.reason === 'none' ? noIdentityMessage(host) : needsIdentifierMessage(host, 'appService')
      return appServiceError(reply, 400, `Unable to load the proper Managed Identity. ${why}`)
    }
    const token = await mintFor(ctx, host, selection.identity, resource)
    reply.header('cache-control', 'no-store')
    return {
      access_token: token.accessToken,
      expires_on: String(token.expiresOn),
      resource,
      token_type: 'Bearer',
      client_id: selection.identity.clientId,
    }
  })
}
