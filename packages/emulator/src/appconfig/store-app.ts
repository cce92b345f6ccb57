import { createHash, randomUUID } from 'node:crypto'
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify'
import { instrument } from '../faults/faults.js'
import { loggerOptions } from '../server/servers.js'
import { authenticate, authorize, type DataAction } from './auth.js'
import { type StoreBinding, storeExists } from './binding.js'
import { ProblemError, sendProblem } from './problems.js'
import { keyValueRoutes } from './routes-kv.js'
import { listRoutes } from './routes-lists.js'

/** Largest request body accepted (a key-value is at most 10 KB; JSON escaping can double that). */
const BODY_LIMIT = 64 * 1024

/**
 * The Fastify app serving one store's data plane over https (local CA certificate). Every request is counted and
 * may be faulted (`appconfig` endpoint), then authenticated (Bearer only) and authorized (RBAC data actions)
 * before any input is parsed — so 401/403 come before 400, as in Azure. Every answer below 500 carries a
 * `Sync-Token` driven by `state.sequence`.
 */
export async function createStoreApp(binding: StoreBinding): Promise<FastifyInstance> {
  const { ctx } = binding
  const app = Fastify({
    https: { key: ctx.tls.key, cert: ctx.tls.cert },
    logger: loggerOptions(ctx.logger),
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
    bodyLimit: BODY_LIMIT,
    // A stopped (deleted) store drops its keep-alive connections too: clients see what a deleted store looks like.
    forceCloseConnections: true,
    return503OnClosing: false,
  })
  instrument(app, ctx.faults, ctx.counters, () => ({ endpoint: 'appconfig' }))

  app.addHook('onRequest', async (request, reply) => {
    if (!storeExists(binding)) {
      // Deleted while the listener is still being stopped: behave like the closed listener it is about to be.
      request.raw.socket.destroy()
      return reply.hijack()
    }
    const token = await authenticate(binding, request, reply)
    if (!token) return reply
    const action = (request.routeOptions.config as { action?: DataAction }).action
    if (action && !authorize(binding, token, action, request, reply)) return reply
  })

  const syncTokenId = createHash('sha256').update(binding.key).digest('base64url').slice(0, 8)
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-ms-request-id', randomUUID())
    const clientRequestId = request.headers['x-ms-client-request-id']
    if (typeof clientRequestId === 'string') reply.header('x-ms-client-request-id', clientRequestId)
    if (reply.statusCode < 500) {
      const sequence = ctx.state.data.sequence
      const value = Buffer.from(String(sequence), 'utf8').toString('base64')
      reply.header('sync-token', `${syncTokenId}=${value};sn=${sequence}`)
    }
    return payload
  })

  // Bodies are read as text and parsed by the routes, so a bad body is a problem+json 400, whatever its type.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body))

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ProblemError) return sendProblem(reply, error.problem)
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) {
      return sendProblem(reply, {
        type: 'about:blank',
        title: status === 413 ? 'Payload Too Large' : 'Bad Request',
        detail:
          status === 413
            ? `The request body is larger than ${BODY_LIMIT} bytes.`
            : `The request is invalid: ${error.message}`,
        status,
      })
    }
    request.log.error({ err: error }, 'App Configuration request failed')
    return sendProblem(reply, {
      type: 'https://azconfig.io/errors/server-error',
      title: 'Internal Server Error',
      detail: 'The uami emulator failed to handle the request; its log has the details.',
      status: 500,
    })
  })

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      type: 'about:blank',
      title: 'Not Found',
      detail: `The uami emulator's App Configuration data plane has no ${request.method} ${request.url.split('?')[0]}. Emulated: /kv, /kv/{key}, /labels, /keys, /revisions, /locks/{key}, /snapshots.`,
      status: 404,
    }),
  )

  keyValueRoutes(app, binding)
  listRoutes(app, binding)
  return app
}
