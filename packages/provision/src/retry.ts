import { setTimeout as sleep } from 'node:timers/promises'
import { redactRestError } from './errors/arm-error-mapping.js'

/** Told before each wait of a retry loop, so a UI can say what it is waiting for. */
export interface WaitInfo {
  /** Why the step waits, e.g. `role assignment propagation (App Configuration answered 403)`. */
  reason: string
  /** 1 for the first retry. */
  attempt: number
  /** How long this wait lasts. */
  delayMs: number
  /** How long the step has waited so far. */
  elapsedMs: number
}

/** How a step retries a condition that Azure resolves on its own (replication, propagation). */
export interface RetryOptions {
  /** Give up after this long, in milliseconds. */
  timeoutMs?: number | undefined
  /** First delay, doubled each time up to {@link RetryOptions.maxDelayMs}. Default 1000. */
  initialDelayMs?: number | undefined
  /** Longest delay between attempts. Default 15000. */
  maxDelayMs?: number | undefined
  /** Called before every wait. */
  onWait?: ((info: WaitInfo) => void) | undefined
  /** Stops waiting (the abort reason is thrown). */
  signal?: AbortSignal | undefined
}

/** Result of {@link retryWhile} when it gave up: the last error and the time spent. */
export interface GaveUp {
  error: unknown
  waitedMs: number
}

/**
 * Calls `attempt` until it succeeds, retrying (with exponential back-off) only errors for which `retryable`
 * returns a reason. Other errors are thrown at once. When `timeoutMs` has passed, `giveUp` turns the last error
 * into the error to throw.
 */
export async function retryWhile<T>(
  attempt: () => Promise<T>,
  retryable: (error: unknown) => string | undefined,
  giveUp: (last: GaveUp) => unknown,
  options: RetryOptions & { timeoutMs: number },
): Promise<T> {
  const started = Date.now()
  let delay = options.initialDelayMs ?? 1000
  const maxDelay = options.maxDelayMs ?? 15_000
  for (let count = 1; ; count++) {
    try {
      return await attempt()
    } catch (error) {
      redactRestError(error)
      const reason = retryable(error)
      if (reason === undefined) throw error
      const elapsedMs = Date.now() - started
      const remaining = options.timeoutMs - elapsedMs
      if (remaining <= 0) throw giveUp({ error, waitedMs: elapsedMs })
      const wait = Math.min(delay, maxDelay, remaining)
      options.onWait?.({ reason, attempt: count, delayMs: wait, elapsedMs })
      await sleep(wait, undefined, options.signal ? { signal: options.signal } : undefined)
      delay *= 2
    }
  }
}
