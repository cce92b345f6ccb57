/** First retry delay of the start attempts, in milliseconds. */
export const FIRST_RETRY_MS = 2_000

/** Longest retry delay of the start attempts, in milliseconds. */
export const MAX_RETRY_MS = 30_000

/**
 * The delay before start attempt `attempt + 1`: 2 s, 4 s, 8 s, 16 s, then 30 s for good — short enough that a
 * role assignment that finishes propagating makes the sample ready within half a minute.
 *
 * @param attempt - The attempt that just failed (1 for the first).
 * @returns Milliseconds to wait.
 * @example
 * ```ts
 * retryDelayMs(1) // 2000
 * retryDelayMs(9) // 30000
 * ```
 */
export function retryDelayMs(attempt: number): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 10))
  return Math.min(FIRST_RETRY_MS * 2 ** exponent, MAX_RETRY_MS)
}
