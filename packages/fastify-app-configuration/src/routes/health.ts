import type { FastifyPluginAsync } from 'fastify'
import { healthRouteSchema, readyRouteSchema } from '../schemas/routes.js'

/**
 * `/healthz`: 200 while the process serves requests (liveness; never depends on Azure). `/readyz`: 200 once the
 * settings are loaded — still 200 when a later refresh failed (the last-known-good settings are served; the body
 * says `stale` and why) — and 503 with the coded error and its fix before that.
 */
export const healthRoutes: FastifyPluginAsync = async (fastify) => {
  fastify.get('/healthz', { schema: healthRouteSchema }, async () => ({ status: 'ok' as const }))

  fastify.get('/readyz', { schema: readyRouteSchema }, async (_request, reply) => {
    const status = fastify.appConfiguration.current()
    if (status.state === 'ready' && status.settings !== undefined) {
      const { values: _values, ...settings } = status.settings
      return { status: 'ready' as const, settings }
    }
    reply.code(503)
    return {
      status: status.state === 'failed' ? ('failed' as const) : ('starting' as const),
      error: status.error,
      attempts: status.attempts,
      nextAttemptAt: status.nextAttemptAt,
    }
  })
}
