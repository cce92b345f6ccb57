import { createServer, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EmulatorContext } from '../src/context.ts'
import { contextOf } from '../src/emulator.ts'
import type { RunningEmulator } from '../src/index.ts'
import { dataPlaneFetch } from './helpers/appconfig-fetch.ts'
import { startTestEmulator } from './helpers/emulator.ts'

/** Occupies a free loopback port; returns it and the server holding it. */
async function occupyPort(): Promise<{ port: number; server: Server }> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return { port: address.port, server }
}

/**
 * The `StoreServers` contract ARM and `startEmulator` rely on (`ctx.stores`): one https listener per store,
 * idempotent start, port reuse on restart, and a stopped store refusing connections.
 */
describe('App Configuration store listeners', () => {
  let emulator: RunningEmulator
  let ctx: EmulatorContext
  const storeId = (name: string) =>
    `/subscriptions/${emulator.subscriptionId}/resourceGroups/rg-listeners/providers/Microsoft.AppConfiguration/configurationStores/${name}`

  beforeAll(async () => {
    emulator = await startTestEmulator()
    ctx = contextOf(emulator)
  })
  afterAll(() => emulator.stop())

  it('starts one listener per store, shared by concurrent and repeated starts (IDs compared case-insensitively)', async () => {
    const id = storeId('same')
    const [a, b] = await Promise.all([ctx.stores.start({ id }), ctx.stores.start({ id: id.toUpperCase() })])
    expect(a).toEqual(b)
    expect(a.endpoint).toBe(`https://127.0.0.1:${a.port}`)
    expect(await ctx.stores.start({ id })).toEqual(a)
    await ctx.stores.stop(id)
  })

  it('reuses the preferred port when it is free and takes another one when it is not', async () => {
    const probe = await occupyPort()
    await new Promise<void>((resolve) => probe.server.close(() => resolve()))
    const free = await ctx.stores.start({ id: storeId('free-port'), port: probe.port })
    expect(free.port).toBe(probe.port)

    const taken = await occupyPort()
    try {
      const moved = await ctx.stores.start({ id: storeId('taken-port'), port: taken.port })
      expect(moved.port).not.toBe(taken.port)
      expect(moved.endpoint).toBe(`https://127.0.0.1:${moved.port}`)
    } finally {
      await new Promise<void>((resolve) => taken.server.close(() => resolve()))
    }
  })

  it('refuses connections once a store is stopped, and serves again when started again', async () => {
    const id = storeId('stopped')
    const { endpoint, port } = await ctx.stores.start({ id })
    // No store record exists, so the listener only drops connections; a live listener is still a listener.
    await expect(fetch(`${endpoint}/kv`)).rejects.toThrow()
    await ctx.stores.stop(id)
    const refused = await fetch(`${endpoint}/kv`).catch(
      (error: { cause?: { code?: string } }) => error.cause?.code,
    )
    expect(refused).toBe('ECONNREFUSED')
    await ctx.stores.stop(id)
    const again = await ctx.stores.start({ id, port })
    expect(again.port).toBe(port)
    await ctx.stores.stop(id)
  })

  it('answers for a store that exists in the state (401 without a token)', async () => {
    const id = storeId('recorded')
    const { endpoint, port } = await ctx.stores.start({ id })
    await ctx.state.update((draft) => {
      draft.stores[id.toLowerCase()] = {
        id,
        name: 'recorded',
        resourceGroup: 'rg-listeners',
        location: 'eastus',
        tags: {},
        sku: 'standard',
        endpoint,
        port,
        extraProperties: {},
        createdAt: new Date().toISOString(),
      }
    })
    const response = await dataPlaneFetch(endpoint, '/kv', { authorization: null })
    expect(response.status).toBe(401)
  })
})
