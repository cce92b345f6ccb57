import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import type { EmulatorContext, StoreServers } from '../context.js'
import { normalizeId } from '../resource-id.js'
import { bindStore, storeOrigin } from './binding.js'
import { createStoreApp } from './store-app.js'

const LOOPBACK = '127.0.0.1'

interface RunningStore {
  app: FastifyInstance
  port: number
  endpoint: string
}

/**
 * App Configuration data planes, one https listener per store on 127.0.0.1: each store needs its own origin
 * because `@azure/app-configuration-provider` drops any path from the endpoint (PROTOCOLS.md).
 *
 * - `start({ id, port })` serves a store, reusing `port` when it is free (restart) and taking a new one otherwise;
 *   it is idempotent per store (concurrent calls share one listener) and returns `https://127.0.0.1:{port}`.
 * - `stop(id)` closes a store's listener and drops its connections: a deleted store refuses connections, as a
 *   deleted store's host name stops resolving in Azure.
 * - `close()` stops every store.
 *
 * @example
 * ```ts
 * const stores = createStoreServers(base)
 * const { endpoint } = await stores.start({ id: storeId })
 * // new AppConfigurationClient(endpoint, credential)
 * await stores.stop(storeId)
 * ```
 */
export function createStoreServers(base: Omit<EmulatorContext, 'stores'>): StoreServers {
  const running = new Map<string, Promise<RunningStore>>()

  async function launch(id: string, preferredPort: number | undefined): Promise<RunningStore> {
    const binding = bindStore(base, id)
    const app = await createStoreApp(binding)
    try {
      binding.port = await listen(app, preferredPort)
    } catch (error) {
      await app.close()
      throw error
    }
    return { app, port: binding.port, endpoint: storeOrigin(binding) }
  }

  return {
    async start(store) {
      const key = normalizeId(store.id)
      let entry = running.get(key)
      if (!entry) {
        entry = launch(store.id, store.port)
        running.set(key, entry)
        entry.catch(() => {
          if (running.get(key) === entry) running.delete(key)
        })
      }
      const { port, endpoint } = await entry
      return { port, endpoint }
    },

    async stop(storeId) {
      const key = normalizeId(storeId)
      const entry = running.get(key)
      if (!entry) return
      running.delete(key)
      const store = await entry.catch(() => undefined)
      await store?.app.close()
    },

    async close() {
      const entries = [...running.values()]
      running.clear()
      await Promise.allSettled(
        entries.map(async (entry) => {
          const store = await entry.catch(() => undefined)
          await store?.app.close()
        }),
      )
    },
  }
}

/** Listens on `preferred` when free (0 = any), else on a new port. */
async function listen(app: FastifyInstance, preferred: number | undefined): Promise<number> {
  try {
    await app.listen({ host: LOOPBACK, port: preferred ?? 0 })
  } catch (error) {
    if (!preferred || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error
    await app.listen({ host: LOOPBACK, port: 0 })
  }
  return (app.server.address() as AddressInfo).port
}
