import type { AccessTokenClaims, IdentityMatch } from '@uami/credential'

/** A coded error as the sample reports it: in `/`, `/readyz`, `/identity` and the log. */
export interface StatusError {
  /** Stable code from `@uami/credential` (`UAMI_CRED_…`) or the kit (`UAMI_SAMPLE_…`). */
  readonly code: string
  /** What failed, why, and what to do next. */
  readonly message: string
  /** What to do next, usually the exact command. */
  readonly fix: string
  /** When it happened (ISO 8601). */
  readonly at: string
}

/** The proof of which identity the sample runs as: the safe claims of its App Configuration token. */
export interface IdentityProof {
  /** `oid`, `appid`, `tid`, `aud`, `xms_mirid`, `xms_az_rid`, `iat`, `exp` — never the token. */
  readonly claims: AccessTokenClaims
  /** Whether the claims match the configured identifier, and which claim proved it. */
  readonly match: IdentityMatch
  /** When the token was last checked (ISO 8601). */
  readonly checkedAt: string
}

/** `fresh`: the last refresh reached App Configuration. `stale`: it did not; the values are the last-known-good. */
export type SettingsFreshness = 'fresh' | 'stale'

/** The settings in memory: what requests read. */
export interface SettingsSnapshot {
  /** Key → value, as the App Configuration provider loaded them. */
  readonly values: Readonly<Record<string, unknown>>
  /** When the values were loaded or last changed (ISO 8601). */
  readonly loadedAt: string
  /** When a refresh last reached App Configuration (ISO 8601). */
  readonly lastRefreshedAt: string
  /** Whether the last refresh reached App Configuration. */
  readonly freshness: SettingsFreshness
  /** Why the last refresh failed, while `stale`. */
  readonly lastRefreshError?: StatusError | undefined
}

/** `starting`: the first load has not finished. `ready`: settings are loaded. `failed`: the last start attempt failed and another is scheduled. */
export type SampleState = 'starting' | 'ready' | 'failed'

/** Everything a request may show, taken from memory — never from the network. */
export interface SampleStatus {
  /** Whether settings are loaded. */
  readonly state: SampleState
  /** The settings, once loaded. */
  readonly settings?: SettingsSnapshot | undefined
  /** The identity proof, once a token was obtained. */
  readonly identity?: IdentityProof | undefined
  /** Why the last start attempt failed, while `failed`. */
  readonly error?: StatusError | undefined
  /** Start attempts so far. */
  readonly attempts: number
  /** When the next start attempt is due, while `failed` (ISO 8601). */
  readonly nextAttemptAt?: string | undefined
}

/**
 * Where routes read the status from. The real one is {@link AppConfigurationSource}; tests pass their own.
 * `current()` never does I/O.
 */
export interface StatusSource {
  /** The latest status. Synchronous, in memory. */
  current(): SampleStatus
  /** Starts loading in the background (called once the server is ready). */
  start(): void
  /** Stops timers and in-flight work (called when the server closes). */
  stop(): Promise<void>
}
