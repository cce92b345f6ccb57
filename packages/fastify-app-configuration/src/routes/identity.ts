import type { FastifyPluginAsync } from 'fastify'
import { identityRouteSchema } from '../schemas/routes.js'
import { notReadyReply } from './not-ready.js'
import type { StatusRoutesOptions } from './options.js'

/**
 * `/identity`: the identifier the sample is configured with and the safe claims of its App Configuration token
 * (`oid`, `appid`, `xms_mirid`, …) with which claim proves the match — never the token. 503 until a token was
 * obtained.
 */
export const identityRoute: FastifyPluginAsync<StatusRoutesOptions> = async (fastify, options) => {
  const { app, env, credential } = options
  fastify.get('/identity', { schema: identityRouteSchema }, async (_request, reply) => {
    const status = fastify.appConfiguration.current()
    const proof = status.identity
    if (proof === undefined) {
      reply.code(503)
      return notReadyReply(status, 'The identity proof is')
    }
    return {
      sample: app.name,
      host: credential.host,
      kind: env.identity.kind,
      variable: env.identity.variable,
      value: env.identity.value,
      credential: credential.credentialKind,
      claims: proof.claims,
      match: proof.match,
      checkedAt: proof.checkedAt,
    }
  })
}
