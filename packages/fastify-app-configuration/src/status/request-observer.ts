import type { PipelinePolicy } from '@azure/core-rest-pipeline'
import { RestError } from '@azure/core-rest-pipeline'

/** The outcome of the last App Configuration request the observer saw. */
export type RequestOutcome = { readonly ok: true } | { readonly ok: false; readonly error: unknown }

/** Statuses that mean "App Configuration did not serve us" (auth, throttling, server errors). */
const FAILURE_STATUSES = new Set([401, 403, 408, 429])

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode
  return typeof status === 'number' ? status : undefined
}

/**
 * Whether an error thrown by an App Configuration request means the service could not be used: a network error
 * (no HTTP status), 401, 403, 408, 429 or 5xx. A 404 (a missing sentinel key) is a normal answer.
 *
 * @param error - The error the request threw.
 * @returns `true` when the service was unreachable, refused or failed.
 */
export function isServiceFailure(error: unknown): boolean {
  const status = statusOf(error)
  return status === undefined || FAILURE_STATUSES.has(status) || status >= 500
}

/**
 * Watches the requests the App Configuration provider sends, through a pipeline policy
 * (`clientOptions.additionalPolicies`, per call, so retries are inside it). `refresh()` of the provider swallows
 * errors; this is how the sample learns that a refresh did not reach the store, and why.
 *
 * @example
 * ```ts
 * const observer = new RequestObserver()
 * await load(endpoint, credential, { clientOptions: { additionalPolicies: [{ policy: observer.policy, position: 'perCall' }] } })
 * observer.reset(); await settings.refresh(); observer.last // { ok: true } or { ok: false, error }
 * ```
 */
export class RequestObserver {
  #last: RequestOutcome | undefined

  /** The pipeline policy to add to the provider's client options. */
  readonly policy: PipelinePolicy = {
    name: 'uamiSampleRequestObserver',
    sendRequest: async (request, next) => {
      try {
        const response = await next(request)
        const status = response.status
        this.#last =
          FAILURE_STATUSES.has(status) || status >= 500
            ? { ok: false, error: new RestError(`HTTP ${status}`, { statusCode: status, request, response }) }
            : { ok: true }
        return response
      } catch (error) {
        this.#last = isServiceFailure(error) ? { ok: false, error } : { ok: true }
        throw error
      }
    },
  }

  /** The outcome of the last request since {@link RequestObserver.reset}, or `undefined` when none was sent. */
  get last(): RequestOutcome | undefined {
    return this.#last
  }

  /** Forgets the last outcome (call before each refresh). */
  reset(): void {
    this.#last = undefined
  }
}
