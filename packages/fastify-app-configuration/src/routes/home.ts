import type { FastifyPluginAsync } from 'fastify'
import { renderPage } from '../page/render-page.js'
import { homeView } from '../page/view.js'
import { homeRouteSchema } from '../schemas/routes.js'
import type { StatusRoutesOptions } from './options.js'
import { prefersJson } from './prefers-json.js'

/** No script, no external resource: the page needs only its inline style. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

/**
 * `/`: what the sample is, the identity and the claims that prove it, the settings with their refresh time, and
 * errors with fixes — as HTML, or as JSON when the client prefers `application/json`.
 */
export const homeRoute: FastifyPluginAsync<StatusRoutesOptions> = async (fastify, options) => {
  fastify.get('/', { schema: homeRouteSchema }, async (request, reply) => {
    const view = homeView(options.app, options.env, options.credential, fastify.appConfiguration.current())
    reply.header('cache-control', 'no-store').header('vary', 'accept')
    if (prefersJson(request.headers.accept)) return view
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .send(renderPage(view))
  })
}
