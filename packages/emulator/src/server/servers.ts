import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { armRoutes } from '../arm/index.js'
import type { EmulatorContext } from '../context.js'
import { entraRoutes } from '../entra/routes.js'
import { instrument } from '../faults/faults.js'
import { identityRoutes } from '../identity/index.js'

/** Where the emulator logs; `false` = silent (the default). */
export type EmulatorLogger = Exclude<FastifyServerOptions['logger'], undefined>

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

const routerOptions = { caseSensitive: false, ignoreDuplicateSlashes: true, ignoreTrailingSlash: true }

function loggerOption(logger: EmulatorLogger): EmulatorLogger {
  if (!logger) return false
  if (logger === true) return { redact }
  return { redact, ...(logger as object) }
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
    logger: loggerOption(logger),
    routerOptions,
    bodyLimit: 4 * 1024 * 1024,
    return503OnClosing: false,
  })
  instrument(app, ctx.faults, ctx.counters, (request) => {
    const path = request.url.split('?')[0]?.toLowerCase() ?? ''
    if (/\/oauth2\/(v2\.0\/)?token$/.test(path)) return { endpoint: 'entra', detail: 'token' }
    if (path.includes('/.well-known/') || path.includes('/discovery/'))
      return { endpoint: 'entra', detail: 'metadata' }
    return { endpoint: 'arm' }
  })
  await app.register(entraRoutes, { ctx })
  await app.register(armRoutes, { ctx })
  return app
}

/** Plain-http loopback listener for every emulated host's managed identity endpoint, plus the admin API. */
export async function createIdentityServer(
  ctx: EmulatorContext,
  logger: EmulatorLogger,
): Promise<FastifyInstance> {
  const app = Fastify({ logger: loggerOption(logger), routerOptions, return503OnClosing: false })
  instrument(app, ctx.faults, ctx.counters, (request) => {
    const path = request.url.split('?')[0]?.toLowerCase() ?? ''
    if (path.includes('/metadata/identity/')) return { endpoint: 'imds', detail: 'token' }
    if (path.includes('/msi/')) return { endpoint: 'msi', detail: 'token' }
    return undefined
  })
  await app.register(identityRoutes, { ctx })
  return app
}
