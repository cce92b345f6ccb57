import type { TokenCredential } from '@azure/core-auth'
import type { EnvLike } from '@uami/credential'
import { chooseCredential } from '@uami/credential'
import type { FastifyPluginAsync } from 'fastify'
import fastifyPlugin from 'fastify-plugin'
import { sampleErrorHandler, sampleNotFoundHandler } from './app/error-handler.js'
import type { AppDescription, SampleIdentity, SettingsContext } from './context.js'
import { credentialEnvironment } from './env/credential-env.js'
import { healthRoutes } from './routes/health.js'
import { homeRoute } from './routes/home.js'
import { identityRoute } from './routes/identity.js'
import type { SettingReply } from './routes/setting.js'
import { settingOf } from './routes/setting.js'
import type { LoadSettings } from './status/app-configuration-source.js'
import { AppConfigurationSource } from './status/app-configuration-source.js'
import type { SampleStatus, StatusSource } from './status/status.js'

/** What the plugin decorates the Fastify instance with: the settings and identity proof, from memory only. */
export interface AppConfigurationState {
  /** The latest status: `starting`, `ready` (with settings) or `failed` (with the coded error and its fix). */
  current(): SampleStatus
  /**
   * One setting with when it was loaded and refreshed.
   *
   * @throws `SettingUnavailableError`: 503 `UAMI_SAMPLE_NOT_READY` before the first load, 404
   *   `UAMI_SAMPLE_KEY_NOT_FOUND` for an unknown key; the plugin's error handler answers with its body.
   */
  setting(key: string): SettingReply
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Settings from App Configuration and the identity proof (see `@uami/fastify-app-configuration`). */
    appConfiguration: AppConfigurationState
  }
}

/** Options of {@link appConfiguration}. */
export interface AppConfigurationPluginOptions {
  /** What the app is, for the page and `/identity`. */
  readonly app: AppDescription
  /** The identity the credential was built for (from `readIdentityEnv`). */
  readonly identity: SampleIdentity
  /** The credential the app built; the identity proof asks it for a token (the provider uses the same instance). */
  readonly credential: TokenCredential
  /** The app's own `load()` call of `@azure/app-configuration-provider`, with the plugin's client options spread in. */
  readonly load: LoadSettings
  /** `APP_CONFIG_ENDPOINT`. */
  readonly endpoint: string
  /** The key watched for changes. */
  readonly sentinelKey: string
  /** Seconds between refresh checks. */
  readonly refreshSeconds: number
  /** The environment the host is read from, for the fix commands. Default: `process.env` (never logged or kept). */
  readonly env?: EnvLike | undefined
  /** A status source instead of App Configuration (route tests). */
  readonly source?: StatusSource | undefined
}

/** A request slower than this is logged at warn. */
const SLOW_REQUEST_MS = 1000

const plugin: FastifyPluginAsync<AppConfigurationPluginOptions> = async (fastify, options) => {
  // Only the credential decision's variables are copied, secret values as `[set]`.
  // biome-ignore lint/style/noProcessEnv: the documented default of the `env` option
  const credentialEnv = credentialEnvironment(options.env ?? process.env)
  const summary = chooseCredential({ selector: options.identity.selector, env: credentialEnv })
  const context: SettingsContext = Object.freeze({
    identity: options.identity,
    appConfigEndpoint: options.endpoint,
    sentinelKey: options.sentinelKey,
    refreshSeconds: options.refreshSeconds,
    credentialEnv,
  })
  const source =
    options.source ??
    new AppConfigurationSource({
      env: context,
      load: options.load,
      credential: options.credential,
      host: summary.host,
      log: fastify.log,
    })
  fastify.decorate('appConfiguration', {
    current: () => source.current(),
    setting: (key: string) => settingOf(source.current(), key),
  })
  // Slow requests always log, whatever the request-logging setting (serverOptions logs each request only at debug).
  // A callback hook, not an async one: no promise per request.
  fastify.addHook('onResponse', (request, reply, done) => {
    if (reply.elapsedTime >= SLOW_REQUEST_MS) {
      request.log.warn(
        {
          method: request.method,
          url: request.routeOptions.url,
          statusCode: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
        },
        'slow request',
      )
    }
    done()
  })
  fastify.setErrorHandler(sampleErrorHandler)
  fastify.setNotFoundHandler(sampleNotFoundHandler)
  const routes = {
    app: options.app,
    env: context,
    credential: {
      host: summary.host,
      credentialKind: options.credential.constructor.name,
      notes: summary.notes,
    },
  }
  await fastify.register(homeRoute, routes)
  await fastify.register(identityRoute, routes)
  await fastify.register(healthRoutes)
  // Load in the background once the server is ready: it listens (and answers /healthz) even while App
  // Configuration or the identity is not yet usable.
  fastify.addHook('onReady', async () => source.start())
  fastify.addHook('onClose', async () => source.stop())
}

/**
 * Fastify plugin: settings from Azure App Configuration, read with a managed identity, kept in memory and
 * refreshed — with proof of which identity read them, and a coded error with its fix when it fails.
 *
 * It decorates `fastify.appConfiguration` ({@link AppConfigurationState}) and serves `/` (HTML, or JSON with
 * `Accept: application/json`), `/identity`, `/healthz` and `/readyz`, with one error handler (4xx with the reason,
 * 5xx details hidden) and a JSON 404. Once the server is ready it gets a token for App Configuration (the identity
 * proof: the token's `oid`/`appid`/`xms_mirid` against the configured identifier), reads the sentinel key once (a 403
 * or an unattached identity surfaces at once) and calls the app's `load`; failures are retried after 2, 4, 8, 16 s,
 * then every 30 s. Every `refreshSeconds` it refreshes; if the store cannot be reached, the last-known-good settings
 * stay, marked `stale` with the reason.
 *
 * @example
 * ```ts
 * await fastify.register(appConfiguration, {
 *   app: { name: 'my-app', title: 'My app', host: 'app-service', why: '…' },
 *   identity, credential, endpoint, sentinelKey, refreshSeconds,
 *   load: (observed) => load(endpoint, credential, { ...options, clientOptions: observed.clientOptions }),
 * })
 * fastify.get('/config/:key', async (request) => fastify.appConfiguration.setting(request.params.key))
 * ```
 */
export const appConfiguration = fastifyPlugin(plugin, {
  name: '@uami/fastify-app-configuration',
  fastify: '5.x',
})
