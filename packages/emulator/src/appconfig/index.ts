import type { EmulatorContext, StoreServers } from '../context.js'

/** App Configuration data-plane listeners, one per store (being built). */
export function createStoreServers(_ctx: Omit<EmulatorContext, 'stores'>): StoreServers {
  return {
    async start() {
      throw new Error('App Configuration data plane is not built yet')
    },
    async stop() {},
    async close() {},
  }
}
