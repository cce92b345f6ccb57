import type { FastifyInstance, FastifyReply } from 'fastify'
import { vmImageAliasDocument } from '../arm/cli-support.js'
import { findPrincipal } from '../arm/principals.js'
import type { EmulatorContext } from '../context.js'
import { TokenRejectedError, type VerifiedToken } from '../tokens/token-service.js'

/**
 * The Microsoft Graph subset the Azure CLI needs, on the ARM origin (register the cloud with
 * `microsoftGraphResourceId` = the ARM endpoint): `GET /v1.0/me` (`az ad signed-in-user show`: the developer, who
 * stands for the signed-in user) and `POST /v1.0/directoryObjects/getByIds` (principal names in `az role
 * assignment list`). Also the VM image alias document (`vmImageAliasDoc`), unauthenticated as Azure's is.
 */
export async function graphRoutes(app: FastifyInstance, opts: { ctx: EmulatorContext }): Promise<void> {
  const { ctx } = opts
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body))

  const audiences = () => [
    ctx.urls.arm,
    'https://graph.microsoft.com',
    '00000003-0000-0000-c000-000000000000',
  ]

  async function caller(header: string | undefined, reply: FastifyReply): Promise<VerifiedToken | undefined> {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1]
    const fail = (message: string) => {
      reply.code(401).send(graphError('InvalidAuthenticationToken', message))
      return undefined
    }
    if (!token) return fail('Access token is empty. Send Authorization: Bearer <token from the emulator>.')
    try {
      return await ctx.tokens.verify(token, { tenantId: ctx.state.data.tenantId, audiences: audiences() })
    } catch (error) {
      if (error instanceof TokenRejectedError)
        return fail(`Access token validation failure (${error.reason}).`)
      throw error
    }
  }

  const developerUser = () => {
    const { developer, tenantId } = ctx.state.data
    return {
      '@odata.type': '#microsoft.graph.user',
      id: developer.objectId,
      displayName: 'uami developer',
      userPrincipalName: 'developer@uami.local',
      mail: null,
      businessPhones: [],
      givenName: null,
      surname: null,
      jobTitle: null,
      officeLocation: null,
      preferredLanguage: null,
      tenantId,
    }
  }

  app.get('/v1.0/me', async (request, reply) => {
    const who = await caller(request.headers.authorization, reply)
    if (!who) return reply
    if (who.oid.toLowerCase() !== ctx.state.data.developer.objectId.toLowerCase()) {
      return reply
        .code(400)
        .send(graphError('BadRequest', '/me request is only valid with delegated authentication flow.'))
    }
    return { '@odata.context': `${ctx.urls.arm}/v1.0/$metadata#users/$entity`, ...developerUser() }
  })

  app.post('/v1.0/directoryObjects/getByIds', async (request, reply) => {
    const who = await caller(request.headers.authorization, reply)
    if (!who) return reply
    let ids: unknown
    try {
      ids = (JSON.parse(String(request.body ?? '')) as { ids?: unknown }).ids
    } catch {
      ids = undefined
    }
    if (!Array.isArray(ids)) {
      return reply
        .code(400)
        .send(graphError('Request_BadRequest', "The body must be JSON with an 'ids' array."))
    }
    const data = ctx.state.data
    const value = ids.flatMap((id): object[] => {
      if (typeof id !== 'string') return []
      if (id.toLowerCase() === data.developer.objectId.toLowerCase()) return [developerUser()]
      const principal = findPrincipal(data, id)
      if (!principal) return []
      // Azure lists a managed identity's client ID (its appId) first; the CLI shows servicePrincipalNames[0].
      const appId =
        Object.values(data.identities).find((i) => i.principalId.toLowerCase() === id.toLowerCase())
          ?.clientId ?? principal.objectId
      return [
        {
          '@odata.type': '#microsoft.graph.servicePrincipal',
          id: principal.objectId,
          displayName: principal.description,
          appId,
          servicePrincipalType: 'ManagedIdentity',
          servicePrincipalNames: [appId],
        },
      ]
    })
    return { '@odata.context': `${ctx.urls.arm}/v1.0/$metadata#directoryObjects`, value }
  })

  app.get('/uami/vm-image-aliases.json', async () => vmImageAliasDocument())
}

function graphError(code: string, message: string) {
  return { error: { code, message, innerError: { date: new Date().toISOString() } } }
}
