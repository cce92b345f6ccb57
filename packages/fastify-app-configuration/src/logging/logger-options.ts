import { type FastifyServerOptions, LogController } from 'fastify'
import type { LogLevel } from '../env/env-schema.js'
import { lazyChildLogger } from './lazy-child-logger.js'

/**
 * Log paths pino replaces with `[REDACTED]`: authorization headers, the identity endpoint's secret header, and any
 * field named like a token or secret one level down. The samples never log these on purpose; redaction is the
 * safety net (ERRATA #3: the article's sample logs all of `process.env`, which leaks `IDENTITY_HEADER`).
 */
export const REDACT_PATHS: readonly string[] = Object.freeze([
  'req.headers.authorization',
  'req.headers["x-identity-header"]',
  'req.headers.cookie',
  '*.headers.authorization',
  '*.headers["x-identity-header"]',
  '*.token',
  '*.access_token',
  '*.accessToken',
  '*.IDENTITY_HEADER',
  '*.clientSecret',
  '*.client_secret',
  '*.AZURE_CLIENT_SECRET',
])

/** The pino options of {@link loggerOptions}. */
export interface SampleLoggerOptions {
  readonly level: LogLevel
  readonly redact: { readonly paths: string[]; readonly censor: string }
}

/**
 * pino options for a sample: the level from `LOG_LEVEL`, JSON lines on standard output (what App Service,
 * Container Apps and journald collect), and {@link REDACT_PATHS}.
 *
 * @param level - The log level (`env.logLevel`).
 * @returns Options for `Fastify({ logger })`.
 * @example
 * ```ts
 * const app = Fastify({ logger: loggerOptions(env.logLevel) })
 * ```
 */
export function loggerOptions(level: LogLevel): SampleLoggerOptions {
  return { level, redact: { paths: [...REDACT_PATHS], censor: '[REDACTED]' } }
}

/**
 * Fastify server options for a sample: {@link loggerOptions}, request logging only at debug/trace (and a request's
 * child logger made only when it logs), a router that takes long keys, request and keep-alive timeouts suited to running
 * behind App Service's front ends and Container Apps' ingress, and a 503 for requests that arrive while closing.
 *
 * @param level - The log level (`env.logLevel`).
 * @returns Options for `Fastify(options)`.
 * @example
 * ```ts
 * const app = Fastify(serverOptions(env.logLevel))
 * ```
 */
export function serverOptions(level: LogLevel): FastifyServerOptions {
  // One log line per request only at debug/trace: App Service, Container Apps and a VM's journald already log
  // access, and two pino lines per request would cost more than the route. Errors (the error handler) and slow
  // requests (the plugin's onResponse hook) always log.
  const requestLogging = level === 'debug' || level === 'trace'
  return {
    logger: loggerOptions(level),
    logController: new LogController({ disableRequestLogging: !requestLogging }),
    // Without request logging most requests never log: their child logger (and pino's redaction of its bindings)
    // is made only when one does.
    ...(requestLogging ? {} : { childLoggerFactory: lazyChildLogger }),
    requestTimeout: 30_000,
    // Longer than the load balancers' idle timeouts, so that they close idle connections, not the app.
    keepAliveTimeout: 240_000,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Room for the longest App Configuration key /config/:key accepts (512 characters), percent-encoded; longer
    // paths get 414 from the router, the schema answers 400 for anything else it refuses.
    routerOptions: { maxParamLength: 2048 },
  }
}
