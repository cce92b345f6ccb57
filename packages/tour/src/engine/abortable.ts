import { CancelledError } from '../errors/cancelled-error.js'

/**
 * Resolves with `work`, or rejects with {@link CancelledError} as soon as `signal` aborts (the work itself may
 * still finish in the background; the tour is shutting down by then).
 *
 * @example
 * ```ts
 * const identity = await abortable(ensureUserAssignedIdentity(clients, options), signal)
 * ```
 */
export function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined)
    return Promise.reject(new CancelledError())
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new CancelledError())
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}
