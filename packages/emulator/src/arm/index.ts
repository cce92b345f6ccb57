import type { FastifyInstance } from 'fastify'
import type { EmulatorContext } from '../context.js'

/** ARM subset (being built): resource groups, identities, role assignments, stores, hosts. */
export async function armRoutes(_app: FastifyInstance, _opts: { ctx: EmulatorContext }): Promise<void> {}
