import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify'
import { adminRoutes } from '../admin/index.js'
import { armFrameworkErrors, armRoutes } from '../arm/index.js'
import type { EmulatorContext, EmulatorLogger } from '../context.js'
import { entraRoutes } from '../entra/routes.js'
import { instrument } from '../faults/faults.js'
import { graphRoutes } from '../graph/routes.js'
import { identityRoutes } from '../identity/index.js'

export type { EmulatorLogger } from '../context.js'

/** Never let a secret reach a log line. */
const redact = {
  paths: [
    'req.headers.authorization',
    'req.headers["x-identity-header"]',
    'req.headers.secret',
    'headers.authorization',
  ],
  censor: '[REDACTED]',
}

/** Query parameters whose values are secrets when a client puts them in a URL. */
const secretQueryParameters =
  /^(client_secret|access_token|refresh_token|code|assertion|client_assertion|sig)$/i

/** The request URL with the values of secret-bearing query parameters replaced. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?')
  if (q < 0) return url
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=')
      const name = eq < 0 ? pair : pair.slice(0, eq)
      return eq >= 0 && secretQueryParameters.test(decodeURIComponent(name)) ? `${name}=[REDACTED]` : pair
    })
  return `${url.slice(0, q)}?${params.join('&')}`
}

/** Logs method, redacted URL and the remote address: never headers or bodies. */
const serializers = {
  req(request: FastifyRequest) {
    return {
      method: request.method,
      url: redactUrl(request.url),
      host: request.host,
      remoteAddress: request.ip,
    }
  },
}

const routerOptions = { caseSensitive: false, ignoreDuplicateSlashes: true, ignoreTrailingSlash: true }

/**
 * Fastify's `logger` option for an emulator listener: `false` stays silent; otherwise the given pino options
 * (a fresh object per listener) plus redaction of secret headers and query parameters.
 */
export function loggerOptions(logger: EmulatorLogger | undefined): EmulatorLogger {
  if (!logger) return false
  if (logger === true) return { redact, serializers }
  return { redact, serializers, ...(logger as object) }
}

/**
 * The https origin shared by the Entra authority and ARM (as the Azure CLI's custom-cloud registration expects:
 * PROTOCOLS.md). Paths are case-insensitive and repeated slashes are collapsed, as ARM does.
 */
export async function createArmServer(
  ctx: EmulatorContext,
  logger: EmulatorLogger,
): Promise<FastifyInstance> {
  const app = Fastify({
    https: { key: ctx.tls.key, cert: ctx.tls.cert },
    logger: loggerOptions(logger),
    routerOptions,
    bodyLimit: 4 * 1024 * 1024,
    return503OnClosing: false,
    frameworkErrors: armFrameworkErrors,
  })
  instrument(app, ctx.faults, ctx.counters, (request) => {
    const path = request.url.split('?')[0]?.toLowerCase() ?? ''
    if (/\/oauth2\/(v2\.0\/)?token$/.test(path)) return { endpoint: 'entra', detail: 'token' }
    if (path.includes('/.well-known/') || path.includes('/discovery/'))
      return { endpoint: 'entra', detail: 'metadata' }
    return { endpoint: 'arm' }
  })
  await app.register(entraRoutes, { ctx })
  await app.register(graphRoutes, { ctx })
  await app.register(armRoutes, { ctx })
  return app
}

/** Plain-http loopback listener for every emulated host's managed identity endpoint, plus the admin API. */
export async function createIdentityServer(
  ctx: EmulatorContext,
  logger: EmulatorLogger,
): Promise<FastifyInstance> {
  const app = Fastify({ logger: loggerOptions(logger), routerOptions, return503OnClosing: false })
  instrument(app, ctx.faults, ctx.counters, (request) => {
    const path = request.url.split('?')[0]?.toLowerCase() ?? ''
    if (path.startsWith('/_admin')) return undefined
    if (path.includes('/metadata/identity/')) return { endpoint: 'imds', detail: 'token' }
    if (path.includes('/msi/')) return { endpoint: 'msi', detail: 'token' }
    return undefined
  })
  await app.register(identityRoutes, { ctx })
  await app.register(adminRoutes, { ctx })
  return app
}
