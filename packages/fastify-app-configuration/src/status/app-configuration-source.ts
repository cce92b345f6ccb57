import { AppConfigurationClient } from '@azure/app-configuration'
import type { AzureAppConfiguration, AzureAppConfigurationOptions } from '@azure/app-configuration-provider'
import type { TokenCredential } from '@azure/core-auth'
import type { HostKind } from '@uami/credential'
import { describeAccessToken, matchIdentity } from '@uami/credential'
import type { FastifyBaseLogger } from 'fastify'
import type { SettingsContext } from '../context.js'
import { appConfigurationScope } from './app-configuration-scope.js'
import { retryDelayMs } from './backoff.js'
import { describeFailure } from './describe-failure.js'
import { isServiceFailure, RequestObserver } from './request-observer.js'
import type { IdentityProof, SampleStatus, SettingsSnapshot, StatusError, StatusSource } from './status.js'

/** What the settings source passes to the app's `load()` call: spread `clientOptions` into the provider's options. */
export interface ObservedLoadOptions {
  /**
   * Client options with a pipeline policy that watches each App Configuration request, so that the source can tell
   * a refresh that reached the store from one that did not (the provider's `refresh()` does not say).
   */
  readonly clientOptions: NonNullable<AzureAppConfigurationOptions['clientOptions']>
}

/**
 * The app's own `load()` call of `@azure/app-configuration-provider` — endpoint, credential, refresh on the sentinel —
 * with the {@link ObservedLoadOptions} spread in.
 */
export type LoadSettings = (observed: ObservedLoadOptions) => Promise<AzureAppConfiguration>

/** Options of {@link AppConfigurationSource}. */
export interface AppConfigurationSourceOptions {
  /** What the app reads, and with which identity. */
  readonly env: SettingsContext
  /** The app's `load()` call. */
  readonly load: LoadSettings
  /** The credential from `@uami/credential` (the same instance the provider uses: one token cache). */
  readonly credential: TokenCredential
  /** Where the code runs, as `@uami/credential` decided (`summary.host`), for the fix commands. */
  readonly host: HostKind
  /** Where to log (the Fastify logger). */
  readonly log: FastifyBaseLogger
}

/** Extra wait after the refresh interval, so the provider's own interval has always elapsed when a tick runs. */
const TICK_SLACK_MS = 250

function freezeValues(settings: AzureAppConfiguration): Readonly<Record<string, unknown>> {
  return Object.freeze(Object.fromEntries(settings))
}

/**
 * The status source of a real sample: it proves the identity and loads the settings from App Configuration in the
 * background, then keeps both up to date on a timer. Requests only ever read {@link AppConfigurationSource.current}.
 *
 * - **Start** (`start()`, once the server listens): get a token for App Configuration's audience through the
 *   credential and keep only its safe claims; read the sentinel key once with an `AppConfigurationClient` (a 403 or
 *   an unattached identity surfaces here at once, where the provider would retry silently); then the app's `load()`
 *   (refresh on the sentinel). A failure becomes a coded error with the fix (`state: 'failed'`, one log line per
 *   new error) and the attempt is repeated after 2 s, 4 s, 8 s, 16 s, then every 30 s — so a role assignment that
 *   finishes propagating makes the sample ready by itself.
 * - **Refresh** (every `APP_CONFIG_REFRESH_SECONDS`, unref'd timer): check the token (served from the SDK's cache)
 *   and call the provider's `refresh()`, which reloads everything when the sentinel changed. If App Configuration
 *   cannot be reached, the last-known-good settings stay in memory, marked `stale` with the reason.
 *
 * @example
 * ```ts
 * const source = new AppConfigurationSource({ env, load, credential, host: 'app-service', log: app.log })
 * source.start()
 * source.current().state // 'starting', then 'ready' or 'failed'
 * ```
 */
export class AppConfigurationSource implements StatusSource {
  readonly #env: SettingsContext
  readonly #load: LoadSettings
  readonly #credential: TokenCredential
  readonly #host: HostKind
  readonly #log: FastifyBaseLogger
  readonly #scope: string
  readonly #probeClient: AppConfigurationClient
  #status: SampleStatus = Object.freeze({ state: 'starting', attempts: 0 })
  #settings: AzureAppConfiguration | undefined
  #observer: RequestObserver | undefined
  #timer: NodeJS.Timeout | undefined
  #started = false
  #stopped = false
  #lastLoggedCode: string | undefined

  constructor(options: AppConfigurationSourceOptions) {
    this.#env = options.env
    this.#load = options.load
    this.#credential = options.credential
    this.#host = options.host
    this.#log = options.log
    this.#scope = appConfigurationScope(options.env.appConfigEndpoint)
    this.#probeClient = new AppConfigurationClient(options.env.appConfigEndpoint, options.credential)
  }

  /** The latest status, from memory. */
  current(): SampleStatus {
    return this.#status
  }

  /** Starts the first load in the background. Calling it again does nothing. */
  start(): void {
    if (this.#started || this.#stopped) return
    this.#started = true
    this.#schedule(0, () => this.#attemptStart())
  }

  /** Stops the timers; work in flight finishes and is ignored. */
  async stop(): Promise<void> {
    this.#stopped = true
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    this.#timer = undefined
  }

  #schedule(delayMs: number, task: () => Promise<void>): void {
    if (this.#stopped) return
    this.#timer = setTimeout(() => {
      task().catch((error: unknown) => {
        // A bug in the sample itself: log it, keep the server up, try again later.
        this.#log.error({ err: error }, 'unexpected error in the settings timer')
        this.#schedule(this.#refreshDelayMs(), task)
      })
    }, delayMs)
    this.#timer.unref()
  }

  #refreshDelayMs(): number {
    return this.#env.refreshSeconds * 1000 + TICK_SLACK_MS
  }

  async #proveIdentity(): Promise<IdentityProof> {
    const token = await this.#credential.getToken(this.#scope)
    if (token === null) throw new Error('The credential returned no token.')
    const claims = describeAccessToken(token)
    return Object.freeze({
      claims,
      match: matchIdentity(claims, this.#env.identity.selector),
      checkedAt: new Date().toISOString(),
    })
  }

  async #probe(): Promise<void> {
    try {
      await this.#probeClient.getConfigurationSetting({ key: this.#env.sentinelKey })
    } catch (error) {
      if (isServiceFailure(error)) throw error
      // 404: the sentinel key does not exist yet — the store answered and allowed the read.
    }
  }

  #describe(error: unknown, retryMs: number): StatusError {
    return describeFailure(error, {
      env: this.#env,
      host: this.#host,
      claims: this.#status.identity?.claims,
      retryInSeconds: Math.round(retryMs / 1000),
    })
  }

  async #attemptStart(): Promise<void> {
    const attempts = this.#status.attempts + 1
    const observer = new RequestObserver()
    try {
      const identity = await this.#proveIdentity()
      this.#status = Object.freeze({ ...this.#status, identity })
      await this.#probe()
      const settings = await this.#load({
        clientOptions: { additionalPolicies: [{ policy: observer.policy, position: 'perCall' }] },
      })
      if (this.#stopped) return
      this.#settings = settings
      this.#observer = observer
      settings.onRefresh(() => this.#onChanged())
      const now = new Date().toISOString()
      const snapshot: SettingsSnapshot = Object.freeze({
        values: freezeValues(settings),
        loadedAt: now,
        lastRefreshedAt: now,
        freshness: 'fresh',
      })
      this.#status = Object.freeze({ state: 'ready', attempts, identity, settings: snapshot })
      this.#lastLoggedCode = undefined
      this.#log.info(
        {
          endpoint: this.#env.appConfigEndpoint,
          keys: Object.keys(snapshot.values).length,
          identity: this.#identityLog(identity),
        },
        'settings loaded from App Configuration',
      )
      this.#schedule(this.#refreshDelayMs(), () => this.#tick())
    } catch (error) {
      if (this.#stopped) return
      const delay = retryDelayMs(attempts)
      const last = observer.last
      const failure = this.#describe(last !== undefined && !last.ok ? last.error : error, delay)
      this.#status = Object.freeze({
        state: 'failed',
        attempts,
        identity: this.#status.identity,
        error: failure,
        nextAttemptAt: new Date(Date.now() + delay).toISOString(),
      })
      this.#report(failure, `settings not loaded; next attempt in ${Math.round(delay / 1000)} s`, 'error')
      this.#schedule(delay, () => this.#attemptStart())
    }
  }

  #identityLog(proof: IdentityProof): Record<string, unknown> {
    return {
      kind: proof.match.kind,
      claim: proof.match.claim,
      matches: proof.match.matches,
      oid: proof.claims.oid,
      appid: proof.claims.appid ?? proof.claims.azp,
      xms_mirid: proof.claims.xms_mirid,
    }
  }

  #report(failure: StatusError, message: string, level: 'error' | 'warn'): void {
    if (this.#lastLoggedCode === failure.code) {
      this.#log.debug({ code: failure.code }, message)
      return
    }
    this.#lastLoggedCode = failure.code
    this.#log[level]({ code: failure.code, error: failure.message, fix: failure.fix }, message)
  }

  #onChanged(): void {
    const settings = this.#settings
    const current = this.#status.settings
    if (settings === undefined || current === undefined) return
    const values = freezeValues(settings)
    this.#status = Object.freeze({
      ...this.#status,
      settings: Object.freeze({ ...current, values, loadedAt: new Date().toISOString() }),
    })
    this.#log.info({ keys: Object.keys(values).length }, 'settings changed in App Configuration; reloaded')
  }

  async #tick(): Promise<void> {
    const settings = this.#settings
    const observer = this.#observer
    if (this.#stopped || settings === undefined || observer === undefined) return
    try {
      const identity = await this.#proveIdentity()
      this.#status = Object.freeze({ ...this.#status, identity })
    } catch {
      // Keep the last proof; the refresh below reports the failure with its fix.
    }
    if (this.#status.settings?.freshness === 'stale') {
      try {
        await this.#probe()
      } catch (error) {
        this.#markStale(error)
        this.#schedule(this.#refreshDelayMs(), () => this.#tick())
        return
      }
    }
    observer.reset()
    await settings.refresh()
    const outcome = observer.last
    if (outcome !== undefined && !outcome.ok) this.#markStale(outcome.error)
    else if (outcome !== undefined) this.#markFresh()
    this.#schedule(this.#refreshDelayMs(), () => this.#tick())
  }

  #markStale(error: unknown): void {
    const current = this.#status.settings
    if (this.#stopped || current === undefined) return
    const failure = this.#describe(error, this.#refreshDelayMs())
    this.#status = Object.freeze({
      ...this.#status,
      settings: Object.freeze({ ...current, freshness: 'stale', lastRefreshError: failure }),
    })
    this.#report(failure, 'settings refresh failed; serving the last-known-good settings', 'warn')
  }

  #markFresh(): void {
    const current = this.#status.settings
    if (this.#stopped || current === undefined) return
    if (current.freshness === 'stale') {
      this.#log.info('App Configuration reachable again; settings are fresh')
      this.#lastLoggedCode = undefined
    }
    this.#status = Object.freeze({
      ...this.#status,
      settings: Object.freeze({
        values: current.values,
        loadedAt: current.loadedAt,
        lastRefreshedAt: new Date().toISOString(),
        freshness: 'fresh',
      }),
    })
  }
}
