import type { AccessTokenClaims, AuthErrorContext, HostKind } from '@uami/credential'
import { explainAuthError, isUamiCredentialError } from '@uami/credential'
import type { SettingsContext } from '../context.js'
import { isSampleKitError } from '../errors/sample-kit-error.js'
import { AppConfigurationUnavailableError, SettingsLoadError } from '../errors/settings-errors.js'
import type { StatusError } from './status.js'

const STORE_ID =
  /\/subscriptions\/[^/\s'"]+\/resourceGroups\/[^/\s'"]+\/providers\/Microsoft\.AppConfiguration\/configurationStores\/[^/\s'",;)]+/i
const NETWORK =
  /\b(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|REQUEST_SEND_ERROR)\b|network unreachable|socket hang up/i
const AUTH_ERROR_NAMES = /CredentialUnavailableError|AuthenticationError|AggregateAuthenticationError/

/** Removes anything that looks like a bearer token or a JWT from SDK text before it is shown or logged. */
export function scrub(text: string): string {
  return text.replace(/\bBearer\s+\S+/gi, '[REDACTED]').replace(/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[REDACTED]')
}

/** Messages, names and codes along an error's `cause` chain (at most 5 deep). */
function chain(error: unknown): { message: string; name: string; code: string; status?: number }[] {
  const links: { message: string; name: string; code: string; status?: number }[] = []
  let current: unknown = error
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const record = current as {
      message?: unknown
      name?: unknown
      code?: unknown
      statusCode?: unknown
      cause?: unknown
    }
    links.push({
      message: typeof record.message === 'string' ? record.message : '',
      name: typeof record.name === 'string' ? record.name : '',
      code: typeof record.code === 'string' ? record.code : '',
      ...(typeof record.statusCode === 'number' ? { status: record.statusCode } : {}),
    })
    current = record.cause
  }
  return links
}

/**
 * Finds an App Configuration store's resource ID in an error's messages. App Configuration's 403 names the
 * scope it checked ("…over the requested scope '/subscriptions/…/configurationStores/…'"); with it, the role
 * assignment command in the fix is complete.
 *
 * @param error - The error from an App Configuration request.
 * @returns The store's resource ID, or `undefined`.
 */
export function storeIdFromError(error: unknown): string | undefined {
  for (const link of chain(error)) {
    const match = STORE_ID.exec(link.message)
    if (match !== null) return match[0]
  }
  return undefined
}

/** What {@link describeFailure} knows besides the error. */
export interface FailureContext {
  /** The sample's environment (identity, endpoint, the platform variables that name the host). */
  readonly env: SettingsContext
  /** Where the code runs, as `@uami/credential` decided. */
  readonly host: HostKind
  /** Claims of the token used, when one was obtained (gives the principal ID for the role command). */
  readonly claims?: AccessTokenClaims | undefined
  /** Seconds until the next attempt, for messages. */
  readonly retryInSeconds: number
}

/**
 * Turns an error from getting a token, or from an App Configuration request, into a coded {@link StatusError}:
 *
 * - identity and authorization failures go through `explainAuthError` of `@uami/credential`, with the host,
 *   identity, store endpoint, token claims and (from a 403) the store's resource ID as context — so the fix is
 *   the exact `az … identity assign` or `az role assignment create` command;
 * - 408, 429 and 5xx become {@link AppConfigurationUnavailableError};
 * - anything else becomes {@link SettingsLoadError} with the provider's message.
 *
 * @param error - Anything caught.
 * @param context - Environment, host, claims and retry delay.
 * @param now - The time to stamp. Default: now.
 * @returns The coded error, JSON-safe, without token or secret: `message` is what failed and why, `fix` what to
 *   run (each command on a line of its own), never repeated in `message`.
 */
export function describeFailure(error: unknown, context: FailureContext, now = new Date()): StatusError {
  const links = chain(error)
  const status = links.find((link) => link.status !== undefined)?.status
  let coded: { code: string; problem: string; fix: string }
  if (isSampleKitError(error) || isUamiCredentialError(error)) {
    coded = error
  } else if (status !== undefined && (status === 408 || status === 429 || status >= 500)) {
    coded = new AppConfigurationUnavailableError(
      { endpoint: context.env.appConfigEndpoint, statusCode: status, retryInSeconds: context.retryInSeconds },
      error,
    )
  } else if (
    status === 401 ||
    status === 403 ||
    links.some(
      (link) => AUTH_ERROR_NAMES.test(link.name) || NETWORK.test(link.code) || NETWORK.test(link.message),
    )
  ) {
    const authContext: AuthErrorContext = {
      host: context.host,
      env: context.env.credentialEnv,
      selector: context.env.identity.selector,
      storeEndpoint: context.env.appConfigEndpoint,
      storeId: storeIdFromError(error),
      claims: context.claims,
    }
    coded = explainAuthError(error, authContext)
  } else {
    const messages = links.map((link) => link.message).filter((message) => message !== '')
    const detail = scrub(messages.slice(0, 3).join(' <- ') || 'unknown error').slice(0, 400)
    coded = new SettingsLoadError({ endpoint: context.env.appConfigEndpoint, detail }, error)
  }
  // `message` says what failed and why, `fix` what to run: the fix is not repeated in the message.
  return Object.freeze({ code: coded.code, message: coded.problem, fix: coded.fix, at: now.toISOString() })
}
