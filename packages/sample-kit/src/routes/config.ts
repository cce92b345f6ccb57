import type { FastifyPluginAsync } from 'fastify'
import { configRouteSchema } from '../schemas/routes.js'
import { notReadyReply } from './not-ready.js'

/**
 * `/config/:key`: one setting from the in-memory snapshot, with when it was loaded and refreshed. 400 for a key
 * App Configuration could not have, 404 (JSON, coded) for an unknown key, 503 before the settings are loaded.
 */
export const configRoute: FastifyPluginAsync = async (fastify) => {
  fastify.get<{ Params: { key: string } }>(
    '/config/:key',
    { schema: configRouteSchema },
    async (request, reply) => {
      const status = fastify.sampleStatus.current()
      const settings = status.settings
      if (settings === undefined) {
        reply.code(503)
        return notReadyReply(status, 'Settings are')
      }
      const { key } = request.params
      if (!Object.hasOwn(settings.values, key)) {
        reply.code(404)
        return {
          statusCode: 404,
          code: 'UAMI_SAMPLE_KEY_NOT_FOUND',
          message: `The key ${JSON.stringify(key)} is not among the ${Object.keys(settings.values).length} settings loaded from App Configuration (keys are case-sensitive; settings with a label are not loaded).`,
          fix: 'Add it (az appconfig kv set --endpoint <endpoint> --auth-mode login --key <key> --value <value>), then change the sentinel key; or open / to see the loaded keys.',
        }
      }
      return {
        key,
        value: settings.values[key],
        loadedAt: settings.loadedAt,
        lastRefreshedAt: settings.lastRefreshedAt,
        freshness: settings.freshness,
        lastRefreshError: settings.freshness === 'stale' ? settings.lastRefreshError : undefined,
      }
    },
  )
}
