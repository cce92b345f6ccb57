import type { FastifyInstance } from 'fastify'
import type { EmulatorContext } from '../context.js'

/** Managed identity endpoints of every emulated host (being built). */
export async function identityRoutes(_app: FastifyInstance, _opts: { ctx: EmulatorContext }): Promise<void> {}
