import type { AccessTokenClaims, IdentityKind, IdentityMatch } from '@uami/credential'
import type { AppDescription, SettingsContext } from '../context.js'
import type { SampleState, SampleStatus, SettingsFreshness, StatusError } from '../status/status.js'

/** An error as the page lists it: the coded error and whether it stopped the start or a refresh. */
export interface ViewError extends StatusError {
  /** `start`: settings are not loaded. `refresh`: the last refresh failed; older settings are served. */
  readonly during: 'start' | 'refresh'
}

/** What `@uami/credential` decided about the host, and the credential the app built. */
export interface CredentialView {
  readonly host: string
  readonly credentialKind: string
  readonly notes: readonly string[]
}

/** Everything `/` shows, as JSON. */
export interface HomeView {
  readonly sample: AppDescription & { readonly identifierKind: IdentityKind }
  readonly state: SampleState
  readonly ready: boolean
  readonly identity: {
    readonly kind: string
    readonly variable: string
    readonly value: string
    readonly credential: string
    readonly detectedHost: string
    readonly notes: readonly string[]
    readonly claims?: AccessTokenClaims | undefined
    readonly match?: IdentityMatch | undefined
    readonly checkedAt?: string | undefined
  }
  readonly settings?:
    | {
        readonly endpoint: string
        readonly sentinelKey: string
        readonly refreshSeconds: number
        readonly values: Readonly<Record<string, unknown>>
        readonly loadedAt: string
        readonly lastRefreshedAt: string
        readonly freshness: SettingsFreshness
      }
    | undefined
  readonly errors: readonly ViewError[]
  readonly attempts: number
  readonly nextAttemptAt?: string | undefined
}

/**
 * Builds what `/` shows from the sample, its environment, the credential summary and the current status. Pure:
 * no I/O, no secret (the environment holds none, the status holds safe claims only).
 *
 * @param app - What the app is.
 * @param env - Its settings context.
 * @param summary - The host and the credential in use.
 * @param status - The current status.
 * @returns The view.
 */
export function homeView(
  app: AppDescription,
  env: SettingsContext,
  summary: CredentialView,
  status: SampleStatus,
): HomeView {
  const errors: ViewError[] = []
  if (status.error !== undefined && status.state !== 'ready')
    errors.push({ ...status.error, during: 'start' })
  const refreshError = status.settings?.lastRefreshError
  if (refreshError !== undefined && status.settings?.freshness === 'stale') {
    errors.push({ ...refreshError, during: 'refresh' })
  }
  const settings = status.settings
  return {
    sample: { ...app, identifierKind: env.identity.kind },
    state: status.state,
    ready: status.state === 'ready',
    identity: {
      kind: env.identity.kind,
      variable: env.identity.variable,
      value: env.identity.value,
      credential: summary.credentialKind,
      detectedHost: summary.host,
      notes: summary.notes,
      claims: status.identity?.claims,
      match: status.identity?.match,
      checkedAt: status.identity?.checkedAt,
    },
    settings:
      settings === undefined
        ? undefined
        : {
            endpoint: env.appConfigEndpoint,
            sentinelKey: env.sentinelKey,
            refreshSeconds: env.refreshSeconds,
            values: settings.values,
            loadedAt: settings.loadedAt,
            lastRefreshedAt: settings.lastRefreshedAt,
            freshness: settings.freshness,
          },
    errors,
    attempts: status.attempts,
    nextAttemptAt: status.state === 'failed' ? status.nextAttemptAt : undefined,
  }
}
