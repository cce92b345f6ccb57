import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { SettingUnavailableError } from '../routes/setting.js'

/** The body of a 4xx/5xx answer. */
export interface ErrorReply {
  readonly statusCode: number
  readonly code: string
  readonly message: string
  readonly fix?: string
}

/**
 * The one error handler of a sample (fastify/demo's rule): below 500 the client gets the code and message of what
 * was wrong with its request (`UAMI_SAMPLE_BAD_REQUEST` for schema validation); from 500 up it gets
 * `Internal Server Error` only, and the details go to the log.
 *
 * @param error - The error.
 * @param request - The request.
 * @param reply - The reply.
 * @returns The JSON error body.
 * @example
 * ```ts
 * fastify.setErrorHandler(sampleErrorHandler)
 * ```
 */
export function sampleErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): ErrorReply {
  const status =
    typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 600
      ? error.statusCode
      : 500
  reply.code(status)
  if (error instanceof SettingUnavailableError) return error.reply
  if (status >= 500) {
    request.log.error({ err: error }, 'request failed')
    return { statusCode: status, code: 'UAMI_SAMPLE_INTERNAL', message: 'Internal Server Error' }
  }
  request.log.info({ code: error.code, statusCode: status }, 'bad request')
  if (error.validation !== undefined) {
    return {
      statusCode: status,
      code: 'UAMI_SAMPLE_BAD_REQUEST',
      message: `The ${error.validationContext ?? 'request'} is invalid: ${error.message}.`,
      fix: 'Check the request against the routes listed on /.',
    }
  }
  return { statusCode: status, code: error.code ?? 'UAMI_SAMPLE_BAD_REQUEST', message: error.message }
}

/**
 * The answer to a route that does not exist: 404 with the list of routes.
 *
 * @param request - The request.
 * @param reply - The reply.
 * @returns The JSON error body.
 * @example
 * ```ts
 * fastify.setNotFoundHandler(sampleNotFoundHandler)
 * ```
 */
export function sampleNotFoundHandler(request: FastifyRequest, reply: FastifyReply): ErrorReply {
  reply.code(404)
  return {
    statusCode: 404,
    code: 'UAMI_SAMPLE_ROUTE_NOT_FOUND',
    message: `No route ${request.method} ${(request.url.split('?')[0] ?? '').slice(0, 200)}.`,
    fix: 'Use GET /, /config/:key, /identity, /healthz or /readyz.',
  }
}
