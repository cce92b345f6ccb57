import { setTimeout as sleep } from 'node:timers/promises'

/** Options of {@link pollUntil}. */
export interface PollOptions {
  /** Give up after this long. Default 30 s. */
  readonly timeoutMs?: number
  /** Wait between tries. Default 100 ms. */
  readonly intervalMs?: number
  /** Extra text for the failure message (e.g. the child's output). */
  readonly describe?: () => string
}

/**
 * Calls `read` until `done(value)` holds, and returns that value. Tests poll instead of asserting on time.
 *
 * @param read - Reads the current value (errors count as "not yet").
 * @param done - The condition.
 * @param options - Timeout, interval, description.
 * @returns The first value that satisfied `done`.
 * @throws An `Error` with the last value (or error) when the timeout passes.
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  options: PollOptions = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000)
  let last: unknown
  for (;;) {
    try {
      const value = await read()
      if (done(value)) return value
      last = value
    } catch (error) {
      last = error
    }
    if (Date.now() > deadline) {
      const shown = last instanceof Error ? last.message : JSON.stringify(last)
      throw new Error(
        `Condition not met in time. Last value: ${shown}${options.describe ? `\n${options.describe()}` : ''}`,
      )
    }
    await sleep(options.intervalMs ?? 100)
  }
}

/** A JSON response: status and parsed body. */
export interface JsonResponse {
  readonly status: number
  // biome-ignore lint/suspicious/noExplicitAny: test code reads arbitrary JSON bodies.
  readonly body: any
}

/**
 * GETs a URL and parses the JSON body.
 *
 * @param url - The URL.
 * @returns Status and body.
 */
export async function getJson(url: string): Promise<JsonResponse> {
  const response = await fetch(url, { headers: { accept: 'application/json' } })
  const text = await response.text()
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) }
}
