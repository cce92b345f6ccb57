import { randomUUID } from 'node:crypto'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { EmulatorContext } from '../context.js'
import { authenticate } from './auth.js'
import { ArmCall, type ArmReply } from './call.js'
import { dispatch } from './dispatch.js'
import { ArmError, missingApiVersion } from './errors.js'
import { routeArmPath } from './route.js'

const METHODS = ['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'POST', 'OPTIONS'] as const

/**
 * The ARM subset, on the https origin it shares with the Entra authority: subscriptions, resource groups,
 * user-assigned identities, role definitions and assignments, App Configuration stores and hosts (sites,
 * container apps, virtual machines) with their identity block. One catch-all route parses the path (ARM paths are
 * case-insensitive, deep, and sometimes start with `//`) and dispatches by resource type; every answer, errors
 * included, uses ARM's envelope `{ "error": { "code", "message" } }`. See docs/arm.md for the surface.
 */
export async function armRoutes(app: FastifyInstance, opts: { ctx: EmulatorContext }): Promise<void> {
  const { ctx } = opts

  // Bodies are parsed by the handlers, so bad JSON becomes ARM's InvalidRequestContent, not Fastify's 400.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body))

  app.setErrorHandler((error: FastifyError | ArmError, request, reply) => {
    if (error instanceof ArmError) return sendError(reply, request, error)
    const status = error.statusCode ?? 500
    if (status >= 500) {
      request.log.error({ err: error }, 'ARM request failed')
      return sendError(
        reply,
        request,
        new ArmError(
          500,
          'InternalServerError',
          'The uami emulator failed to process the request; see its log.',
        ),
      )
    }
    const code = status === 413 ? 'RequestEntityTooLarge' : 'InvalidRequestContent'
    return sendError(reply, request, new ArmError(status, code, error.message))
  })

  app.route({
    method: [...METHODS],
    url: '/*',
    exposeHeadRoute: false,
    handler: async (request, reply) => {
      const [rawPath = '/', rawQuery = ''] = request.url.split(/\?(.*)/s)
      const query = new URLSearchParams(rawQuery)
      const caller = await authenticate(ctx, request.headers.authorization)
      const apiVersion = query.get('api-version')
      if (!apiVersion) throw missingApiVersion()
      const route = routeArmPath(rawPath, ctx.state.data.subscriptionId)
      const body = typeof request.body === 'string' ? request.body : undefined
      const call = new ArmCall(ctx, request.method.toUpperCase(), route, query, apiVersion, caller, body)
      const display = `/${rawPath.split('/').filter(Boolean).join('/')}`
      return send(reply, request, await dispatch(call, display))
    },
  })
}

function correlationHeaders(request: FastifyRequest): Record<string, string> {
  const clientRequestId = request.headers['x-ms-client-request-id']
  const correlation = request.headers['x-ms-correlation-request-id']
  return {
    'x-ms-request-id': randomUUID(),
    'x-ms-correlation-request-id': typeof correlation === 'string' ? correlation : randomUUID(),
    ...(typeof clientRequestId === 'string' ? { 'x-ms-client-request-id': clientRequestId } : {}),
  }
}

function send(reply: FastifyReply, request: FastifyRequest, answer: ArmReply): FastifyReply {
  reply.code(answer.status).headers({ ...correlationHeaders(request), ...answer.headers })
  if (answer.text && request.method !== 'HEAD')
    return reply.type(answer.text.contentType).send(answer.text.value)
  if (answer.body === undefined || request.method === 'HEAD') return reply.send()
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(answer.body))
}

function sendError(reply: FastifyReply, request: FastifyRequest, error: ArmError): FastifyReply {
  return send(reply, request, { status: error.statusCode, body: error.toBody(), headers: error.headers })
}

/**
 * Fastify `frameworkErrors` for the https server ARM shares with Entra: a URL Fastify cannot even decode
 * (`%zz`) gets ARM's envelope (400 `InvalidRequestUri`) instead of Fastify's own body.
 */
export function armFrameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400
  sendError(
    reply,
    request,
    new ArmError(status, 'InvalidRequestUri', `The request URI is not valid: ${error.message}.`),
  )
}
