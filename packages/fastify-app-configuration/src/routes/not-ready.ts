import type { ErrorReply } from '../app/error-handler.js'
import type { SampleStatus, StatusError } from '../status/status.js'

/** The 503 body for a route that needs loaded settings or a token while there are none yet. */
export function notReadyReply(
  status: SampleStatus,
  what: string,
): ErrorReply & { readonly error?: StatusError } {
  const base = {
    statusCode: 503,
    code: 'UAMI_SAMPLE_NOT_READY',
    message:
      status.state === 'starting'
        ? `${what} not available yet: the sample is starting.`
        : `${what} not available: the sample could not load its settings (${status.error?.code ?? 'unknown error'}).`,
    fix: status.error?.fix ?? 'Retry in a few seconds; /readyz answers 200 once the settings are loaded.',
  }
  return status.error === undefined ? base : { ...base, error: status.error }
}
