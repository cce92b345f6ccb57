import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

/** The emulator's endpoints, as faults and counters name them. */
export const endpointNames = ['entra', 'msi', 'imds', 'arm', 'appconfig'] as const
export type EndpointName = (typeof endpointNames)[number]

/** What to do to matching requests. */
export interface FaultRuleInput {
  endpoint: EndpointName
  /** Only requests with this method (case-insensitive). */
  method?: string
  /** Only requests whose path contains this text (case-insensitive). */
  pathContains?: string
  /** Answer with this status instead of the real answer. */
  status?: number
  /** Send `Retry-After` (seconds) with the injected status. */
  retryAfterSeconds?: number
  /** Wait this long before answering (with `status`, `reset` or the real answer). */
  delayMs?: number
  /** Destroy the connection without an answer (ECONNRESET on the client). */
  reset?: boolean
  /** Apply to this many matching requests, then remove the rule. Unlimited when omitted. */
  times?: number
}

export interface FaultRule extends FaultRuleInput {
  id: number
  /** Requests the rule has been applied to. */
  applied: number
}

/** Per-endpoint injectable faults, for the reliability suite and the tour's "what goes wrong" mode. */
export class FaultInjector {
  #rules: FaultRule[] = []
  #nextId = 1

  /** Adds a rule; the earliest matching rule wins. Returns the stored rule (its `id` removes it). */
  inject(input: FaultRuleInput): FaultRule {
    validateRule(input)
    const rule: FaultRule = { ...input, id: this.#nextId++, applied: 0 }
    this.#rules.push(rule)
    return rule
  }

  /** Removes one rule, every rule of an endpoint, or all rules. */
  clear(filter?: { id?: number; endpoint?: EndpointName }): void {
    this.#rules = this.#rules.filter(
      (rule) =>
        filter !== undefined &&
        (filter.id === undefined || rule.id !== filter.id) &&
        (filter.endpoint === undefined || rule.endpoint !== filter.endpoint),
    )
  }

  list(): FaultRule[] {
    return this.#rules.map((rule) => ({ ...rule }))
  }

  /** The rule to apply to a request, consuming one of its `times`. */
  take(endpoint: EndpointName, method: string, path: string): FaultRule | undefined {
    const lowerPath = path.toLowerCase()
    const rule = this.#rules.find(
      (r) =>
        r.endpoint === endpoint &&
        (r.method === undefined || r.method.toUpperCase() === method.toUpperCase()) &&
        (r.pathContains === undefined || lowerPath.includes(r.pathContains.toLowerCase())),
    )
    if (!rule) return undefined
    rule.applied++
    if (rule.times !== undefined && rule.applied >= rule.times) {
      this.#rules = this.#rules.filter((r) => r !== rule)
    }
    return { ...rule }
  }
}

/** Thrown for a fault rule that cannot be applied. */
export class InvalidFaultRuleError extends Error {
  override name = 'InvalidFaultRuleError' as const
  readonly code = 'UAMI_EMU_INVALID_FAULT'
}

function validateRule(input: FaultRuleInput): void {
  if (!endpointNames.includes(input.endpoint)) {
    throw new InvalidFaultRuleError(
      `Unknown endpoint '${String(input.endpoint)}'. Use one of: ${endpointNames.join(', ')}.`,
    )
  }
  if (
    input.status !== undefined &&
    (!Number.isInteger(input.status) || input.status < 100 || input.status > 599)
  ) {
    throw new InvalidFaultRuleError(
      `status must be an HTTP status code (100-599), got ${String(input.status)}.`,
    )
  }
  for (const field of ['delayMs', 'retryAfterSeconds', 'times'] as const) {
    const value = input[field]
    if (value !== undefined && (!Number.isFinite(value) || value < 0)) {
      throw new InvalidFaultRuleError(`${field} must be a non-negative number, got ${String(value)}.`)
    }
  }
  if (input.status === undefined && !input.reset && input.delayMs === undefined) {
    throw new InvalidFaultRuleError('A fault needs at least one of status, reset or delayMs.')
  }
}

/** One answered request, as {@link RequestCounters.observe} listeners see it. Carries no query, header or body. */
export interface RequestEvent {
  endpoint: EndpointName
  detail?: string
  method: string
  /** The path without its query string. */
  path: string
  status: number
  durationMs: number
}

/** Requests seen per endpoint. The benchmark reads them to prove tokens are cached. */
export class RequestCounters {
  #counts = new Map<string, number>()
  #listeners = new Set<(event: RequestEvent) => void>()

  /**
   * Calls `listener` after each counted request has been answered (the CLI's access log). Returns a function
   * that removes the listener. A throwing listener is ignored.
   */
  observe(listener: (event: RequestEvent) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Reports an answered request to the observers (called by the emulator's request hooks). */
  completed(event: RequestEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event)
      } catch {
        // An observer must never break request handling.
      }
    }
  }

  hit(endpoint: EndpointName, detail?: string): void {
    this.#counts.set(endpoint, (this.#counts.get(endpoint) ?? 0) + 1)
    if (detail)
      this.#counts.set(`${endpoint}:${detail}`, (this.#counts.get(`${endpoint}:${detail}`) ?? 0) + 1)
  }

  /** Counts by endpoint (`msi`) and by endpoint and detail (`msi:token`). */
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.#counts].sort(([a], [b]) => a.localeCompare(b)))
  }

  reset(): void {
    this.#counts.clear()
  }
}

/** The body an injected status carries, in the shape each endpoint's clients parse. */
function faultBody(endpoint: EndpointName, status: number): { contentType: string; body: string } {
  const text = `Fault injected by the uami emulator (HTTP ${status}).`
  switch (endpoint) {
    case 'arm':
      return {
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'InjectedFault', message: text } }),
      }
    case 'appconfig':
      return {
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'https://azconfig.io/errors/server-error', title: text, status }),
      }
    default:
      return {
        contentType: 'application/json',
        body: JSON.stringify({ error: 'injected_fault', error_description: text }),
      }
  }
}

/**
 * Counts every request and applies fault rules, on one Fastify instance. `classify` names the endpoint a request
 * belongs to (`undefined` = not counted, never faulted — e.g. the admin routes).
 */
export function instrument(
  app: FastifyInstance,
  faults: FaultInjector,
  counters: RequestCounters,
  classify: (request: FastifyRequest) => { endpoint: EndpointName; detail?: string } | undefined,
): void {
  const targets = new WeakMap<FastifyRequest, { endpoint: EndpointName; detail?: string }>()
  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const target = targets.get(request)
    if (!target) return
    counters.completed({
      ...target,
      method: request.method,
      path: request.url.split('?')[0] ?? '',
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime),
    })
  })
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const target = classify(request)
    if (!target) return
    targets.set(request, target)
    counters.hit(target.endpoint, target.detail)
    const rule = faults.take(target.endpoint, request.method, request.url.split('?')[0] ?? '')
    if (!rule) return
    if (rule.delayMs) await sleep(rule.delayMs)
    if (rule.reset) {
      request.raw.socket.destroy()
      return reply.hijack()
    }
    if (rule.status !== undefined) {
      const { contentType, body } = faultBody(target.endpoint, rule.status)
      if (rule.retryAfterSeconds !== undefined) reply.header('retry-after', String(rule.retryAfterSeconds))
      return reply.code(rule.status).type(contentType).send(body)
    }
  })
}
