import type { FastifyServerOptions } from 'fastify'
import type { FaultInjector, RequestCounters } from './faults/faults.js'
import type { StoreRecord } from './state/model.js'
import type { StateStore } from './state/store.js'
import type { LocalTls } from './tls/local-ca.js'
import type { TokenService } from './tokens/token-service.js'

/** Lifecycle of the per-store App Configuration data-plane listeners (each store has its own origin). */
export interface StoreServers {
  /**
   * Starts serving a store's data plane on a loopback port and returns its endpoint. Uses `preferredPort` when it
   * is free (restart), otherwise a new port. Idempotent per store ID.
   */
  start(store: Pick<StoreRecord, 'id'> & { port?: number }): Promise<{ port: number; endpoint: string }>
  /** Stops serving a store (deleted store). */
  stop(storeId: string): Promise<void>
  /** Stops every store listener. */
  close(): Promise<void>
}

/** Where the emulator logs: Fastify/pino logger options, `true` for JSON on stdout, `false` for none. */
export type EmulatorLogger = Exclude<FastifyServerOptions['logger'], undefined>

/** Runtime settings that change how the emulated Azure behaves. */
export interface EmulatorSettings {
  /** Role assignments take this long to take effect (0 = immediately, the default). */
  propagationDelayMs: number
  /** Items per App Configuration list page (default 100). Tests set a small value to exercise paging. */
  appConfigPageSize?: number
}

/** Everything the emulator's route modules share. Built once by `startEmulator`. */
export interface EmulatorContext {
  state: StateStore
  tokens: TokenService
  tls: LocalTls
  faults: FaultInjector
  counters: RequestCounters
  settings: EmulatorSettings
  /** Set once the listeners are bound. */
  urls: {
    /** `https://127.0.0.1:{port}`: ARM and the Entra authority share this origin. */
    arm: string
    /** `http://127.0.0.1:{port}`: the managed identity endpoints of every emulated host, and the admin API. */
    identity: string
  }
  stores: StoreServers
  /**
   * The logger every listener uses (`false` when silent). Build Fastify's `logger` option from it with
   * `loggerOptions(ctx.logger)` from `server/servers.ts`, which adds the redaction of secrets.
   */
  logger?: EmulatorLogger
}
