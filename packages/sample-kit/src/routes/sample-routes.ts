import type { FastifyPluginAsync } from 'fastify'
import { configRoute } from './config.js'
import { healthRoutes } from './health.js'
import { homeRoute } from './home.js'
import { identityRoute } from './identity.js'
import type { SampleRoutesOptions } from './options.js'

export type { SampleRoutesOptions } from './options.js'

/**
 * Fastify plugin: the routes every sample serves — `/`, `/config/:key`, `/identity`, `/healthz`, `/readyz`. They
 * read `fastify.sampleStatus` (memory only: no network call on the request path) and `fastify.azureIdentity`.
 *
 * @example
 * ```ts
 * await fastify.register(sampleRoutes, { sample, env })
 * ```
 */
export const sampleRoutes: FastifyPluginAsync<SampleRoutesOptions> = async (fastify, options) => {
  await fastify.register(homeRoute, options)
  await fastify.register(configRoute)
  await fastify.register(identityRoute, options)
  await fastify.register(healthRoutes)
}
