import type { FastifyPluginAsync } from 'fastify'
import { identityRouteSchema } from '../schemas/routes.js'
import { notReadyReply } from './not-ready.js'
import type { SampleRoutesOptions } from './options.js'

/**
 * `/identity`: the identifier the sample is configured with and the safe claims of its App Configuration token
 * (`oid`, `appid`, `xms_mirid`, …) with which claim proves the match — never the token. 503 until a token was
 * obtained.
 */
export const identityRoute: FastifyPluginAsync<SampleRoutesOptions> = async (fastify, options) => {
  const { sample, env } = options
  fastify.get('/identity', { schema: identityRouteSchema }, async (_request, reply) => {
    const status = fastify.sampleStatus.current()
    const proof = status.identity
    if (proof === undefined) {
      reply.code(503)
      return notReadyReply(status, 'The identity proof is')
    }
    return {
      sample: sample.name,
      host: fastify.azureIdentity.host,
      kind: env.identity.kind,
      variable: env.identity.variable,
      value: env.identity.value,
      credential: fastify.azureIdentity.credentialKind,
      claims: proof.claims,
      match: proof.match,
      checkedAt: proof.checkedAt,
    }
  })
}
