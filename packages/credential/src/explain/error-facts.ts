import type { EnvLike } from '../util/env.js'
import { redact } from '../util/text.js'

/** What can be read from one error in a chain, without trusting its shape. */
export interface ErrorFacts {
  readonly name: string
  readonly message: string
  readonly statusCode: number | undefined
  /** MSAL's `ServerError.status`: the HTTP status the managed identity endpoint answered. */
  readonly status: number | undefined
  readonly code: string | undefined
  readonly errorCode: string | undefined
  readonly url: string | undefined
}

function field(value: unknown, key: string): unknown {
  try {
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined
  } catch {
    return undefined
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/**
 * Walks an error, its `cause` chain and any aggregated `errors` (DefaultAzureCredential's
 * `AggregateAuthenticationError`), breadth first, at most 25 errors, and reads the facts of each.
 */
export function collectErrorFacts(error: unknown): ErrorFacts[] {
  const facts: ErrorFacts[] = []
  const seen = new Set<unknown>()
  const queue: unknown[] = [error]
  while (queue.length > 0 && facts.length < 25) {
    const current = queue.shift()
    if (current === undefined || current === null || seen.has(current)) continue
    seen.add(current)
    if (typeof current !== 'object') {
      facts.push({
        name: typeof current,
        message: String(current),
        statusCode: undefined,
        status: undefined,
        code: undefined,
        errorCode: undefined,
        url: undefined,
      })
      continue
    }
    const statusCode = field(current, 'statusCode')
    const status = field(current, 'status')
    const request = field(current, 'request')
    facts.push({
      name: text(field(current, 'name')) ?? 'Error',
      message: text(field(current, 'message')) ?? '',
      statusCode: typeof statusCode === 'number' ? statusCode : undefined,
      status: typeof status === 'number' ? status : undefined,
      code: text(field(current, 'code')),
      errorCode: text(field(current, 'errorCode')),
      url: text(field(request, 'url')),
    })
    queue.push(field(current, 'cause'))
    const errors = field(current, 'errors')
    if (Array.isArray(errors)) queue.push(...errors.slice(0, 10))
  }
  return facts
}

/** A one-sentence, redacted, shortened version of an SDK message for our messages. */
export function summarize(message: string, env: EnvLike): string {
  const clean = redact(message, env).replace(/\s+/g, ' ').trim()
  const short = [...clean].length > 300 ? `${[...clean].slice(0, 300).join('')}…` : clean
  if (short === '') return 'no details.'
  return /[.!?…]$/.test(short) ? short : `${short}.`
}

/** The origin (`https://host:port`) of a URL, or `undefined`. Paths and queries are left out on purpose. */
export function originOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined
  try {
    const parsed = new URL(url)
    return parsed.origin === 'null' ? undefined : parsed.origin
  } catch {
    return undefined
  }
}
