import type { FastifyInstance, FastifyReply } from 'fastify'
import type { EmulatorContext } from '../context.js'
import {
  type EndpointName,
  endpointNames,
  type FaultRuleInput,
  InvalidFaultRuleError,
} from '../faults/faults.js'
import { requireLoopback } from './loopback.js'

/** Stable error codes of the admin API. */
export const adminErrorCodes = {
  invalidFault: 'UAMI_EMU_INVALID_FAULT',
  invalidSettings: 'UAMI_EMU_INVALID_SETTINGS',
  invalidBody: 'UAMI_EMU_INVALID_BODY',
  faultNotFound: 'UAMI_EMU_FAULT_NOT_FOUND',
} as const

function adminError(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ error: { code, message } })
}

const faultFields = new Set([
  'endpoint',
  'method',
  'pathContains',
  'status',
  'retryAfterSeconds',
  'delayMs',
  'reset',
  'times',
])

/**
 * The loopback-only admin API, under `/_admin` on the identity server:
 * - `GET /_admin/health` — `{ status: 'ok', pid, tenantId, subscriptionId, armEndpoint, identityEndpoint }`;
 * - `GET|POST|DELETE /_admin/faults` (`DELETE /_admin/faults/{id}`, `DELETE /_admin/faults?endpoint=msi`);
 * - `GET|DELETE /_admin/counters`;
 * - `GET|PATCH /_admin/settings` (`{ propagationDelayMs, appConfigPageSize }`).
 * Errors: `{ "error": { "code", "message" } }`.
 */
export async function adminRoutes(app: FastifyInstance, opts: { ctx: EmulatorContext }): Promise<void> {
  const { ctx } = opts
  app.addHook('onRequest', requireLoopback)
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500
    const message = status < 500 ? error.message : 'The admin API failed to answer.'
    return adminError(reply, status, adminErrorCodes.invalidBody, message)
  })

  app.get('/_admin/health', async () => ({
    status: 'ok',
    pid: process.pid,
    tenantId: ctx.state.data.tenantId,
    subscriptionId: ctx.state.data.subscriptionId,
    armEndpoint: ctx.urls.arm,
    identityEndpoint: ctx.urls.identity,
  }))

  app.get('/_admin/faults', async () => ({ value: ctx.faults.list() }))

  app.post<{ Body: unknown }>('/_admin/faults', async (request, reply) => {
    const body = request.body
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return adminError(
        reply,
        400,
        adminErrorCodes.invalidFault,
        `Send a JSON fault rule, e.g. {"endpoint":"msi","status":503,"retryAfterSeconds":1,"times":1}. Endpoints: ${endpointNames.join(', ')}.`,
      )
    }
    const unknown = Object.keys(body).filter((key) => !faultFields.has(key))
    if (unknown.length > 0) {
      return adminError(
        reply,
        400,
        adminErrorCodes.invalidFault,
        `Unknown fault rule field(s): ${unknown.join(', ')}. Known fields: ${[...faultFields].join(', ')}.`,
      )
    }
    const typeError = checkFieldTypes(body as Record<string, unknown>)
    if (typeError) return adminError(reply, 400, adminErrorCodes.invalidFault, typeError)
    try {
      const rule = ctx.faults.inject(body as FaultRuleInput)
      return reply.code(201).send(rule)
    } catch (error) {
      if (error instanceof InvalidFaultRuleError) {
        return adminError(reply, 400, error.code, error.message)
      }
      throw error
    }
  })

  app.delete<{ Querystring: { endpoint?: string } }>('/_admin/faults', async (request, reply) => {
    const endpoint = request.query.endpoint
    if (endpoint !== undefined && !endpointNames.includes(endpoint as EndpointName)) {
      return adminError(
        reply,
        400,
        adminErrorCodes.invalidFault,
        `Unknown endpoint '${endpoint}'. Use one of: ${endpointNames.join(', ')}.`,
      )
    }
    ctx.faults.clear(endpoint === undefined ? undefined : { endpoint: endpoint as EndpointName })
    return reply.code(204).send()
  })

  app.delete<{ Params: { id: string } }>('/_admin/faults/:id', async (request, reply) => {
    const id = Number(request.params.id)
    if (!ctx.faults.list().some((rule) => rule.id === id)) {
      return adminError(
        reply,
        404,
        adminErrorCodes.faultNotFound,
        `No fault rule with id '${request.params.id}'.`,
      )
    }
    ctx.faults.clear({ id })
    return reply.code(204).send()
  })

  app.get('/_admin/counters', async () => ctx.counters.snapshot())

  app.delete('/_admin/counters', async (_request, reply) => {
    ctx.counters.reset()
    return reply.code(204).send()
  })

  app.get('/_admin/settings', async () => ({ ...ctx.settings }))

  app.patch<{ Body: unknown }>('/_admin/settings', async (request, reply) => {
    const body = request.body
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return adminError(
        reply,
        400,
        adminErrorCodes.invalidSettings,
        'Send a JSON object, e.g. {"propagationDelayMs":30000}.',
      )
    }
    const entries = Object.entries(body as Record<string, unknown>)
    for (const [key, value] of entries) {
      const problem = settingProblem(key, value)
      if (problem) return adminError(reply, 400, adminErrorCodes.invalidSettings, problem)
    }
    for (const [key, value] of entries) {
      if (key === 'propagationDelayMs') ctx.settings.propagationDelayMs = value as number
      if (key === 'appConfigPageSize') ctx.settings.appConfigPageSize = value as number
    }
    return { ...ctx.settings }
  })
}

/** Why a settings field cannot be applied, or `undefined` when it can. */
function settingProblem(key: string, value: unknown): string | undefined {
  if (key === 'propagationDelayMs') {
    return typeof value === 'number' && Number.isFinite(value) && value >= 0
      ? undefined
      : `propagationDelayMs must be a non-negative number of milliseconds, got ${JSON.stringify(value)}.`
  }
  if (key === 'appConfigPageSize') {
    return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 1000
      ? undefined
      : `appConfigPageSize must be a whole number from 1 to 1000, got ${JSON.stringify(value)}.`
  }
  return `Unknown setting '${key}'. Known settings: propagationDelayMs, appConfigPageSize.`
}

/** JSON types of a fault rule's fields (the injector checks ranges). */
function checkFieldTypes(body: Record<string, unknown>): string | undefined {
  const expected: Record<string, string> = {
    endpoint: 'string',
    method: 'string',
    pathContains: 'string',
    status: 'number',
    retryAfterSeconds: 'number',
    delayMs: 'number',
    reset: 'boolean',
    times: 'number',
  }
  for (const [key, value] of Object.entries(body)) {
    if (value !== undefined && typeof value !== expected[key]) {
      return `${key} must be a ${expected[key]}, got ${JSON.stringify(value)}.`
    }
  }
  return undefined
}
