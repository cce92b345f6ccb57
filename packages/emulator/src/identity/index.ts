import type { FastifyInstance } from 'fastify'
import type { EmulatorContext } from '../context.js'
import { appServiceRoutes } from './app-service.js'
import { imdsRoutes } from './imds.js'

/**
 * Managed identity endpoints of every emulated host, addressed by the host's lower-case `imdsKey`: the App
 * Service / Container Apps protocol for sites and container apps, IMDS for virtual machines.
 */
export async function identityRoutes(app: FastifyInstance, opts: { ctx: EmulatorContext }): Promise<void> {
  await app.register(appServiceRoutes, opts)
  await app.register(imdsRoutes, opts)
}
