import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { createStoreServers } from './appconfig/index.js'
import type { EmulatorContext, EmulatorLogger, EmulatorSettings } from './context.js'
import { FaultInjector, RequestCounters } from './faults/faults.js'
import { hostEnvironment } from './identity/host-env.js'
import { normalizeId } from './resource-id.js'
import { createArmServer, createIdentityServer } from './server/servers.js'
import { lockStateDir } from './state/lock.js'
import { StateStore } from './state/store.js'
import { ensureLocalTls, type LocalTls } from './tls/local-ca.js'
import { TokenService } from './tokens/token-service.js'

/** Loopback address every listener binds to. */
export const LOOPBACK = '127.0.0.1'

export interface StartEmulatorOptions {
  /**
   * Directory holding the state (resources, role assignments, settings), the local CA and the signing key.
   * Default: a new temporary directory, deleted by {@link RunningEmulator.stop}.
   */
  stateDir?: string
  /** Port for ARM + the Entra authority (https). Default: the last one used with this state, else a free one. */
  armPort?: number
  /** Port for the managed identity endpoints + admin API (http). Default: as `armPort`. */
  identityPort?: number
  /** Role assignments take this long to take effect. Default 0 (immediately). */
  propagationDelayMs?: number
  /**
   * Fastify/pino logger options (e.g. `{ level: 'info', stream }`), `true` for JSON logs on stdout, `false`
   * (default) for none. Only method, URL (secret query values redacted), host and remote address of requests are
   * logged: never headers, bodies or tokens.
   */
  logger?: EmulatorLogger
}

/** A running emulator: the contract tests and outside tools rely on (DESIGN.md, "Contract"). */
export interface RunningEmulator {
  /** `https://127.0.0.1:{port}` — pass as `endpoint` to the `@azure/arm-*` clients. */
  armEndpoint: string
  /** Same origin as ARM — pass as `authorityHost` / `AZURE_AUTHORITY_HOST` (with `disableInstanceDiscovery`). */
  authorityHost: string
  /** `http://127.0.0.1:{port}` — base of every host's identity endpoint and of the admin API (`/_admin`). */
  identityEndpoint: string
  tenantId: string
  subscriptionId: string
  /** The seeded developer principal, for `ClientSecretCredential` / `AZURE_CLIENT_SECRET`. */
  developer: { clientId: string; clientSecret: string; objectId: string }
  /** The local CA certificate: put it in `NODE_EXTRA_CA_CERTS` of child processes. */
  caCertPath: string
  stateDir: string
  /**
   * The environment Azure gives a process on the host (a site, container app or VM): `IDENTITY_ENDPOINT` +
   * `IDENTITY_HEADER` for sites and container apps, `AZURE_POD_IDENTITY_AUTHORITY_HOST` for VMs, always
   * `NODE_EXTRA_CA_CERTS`. Throws when the host does not exist.
   */
  hostEnv(hostResourceId: string): Record<string, string>
  faults: FaultInjector
  counters: RequestCounters
  /** Live settings (e.g. `propagationDelayMs`), changeable while running. */
  settings: EmulatorSettings
  /**
   * Stops every listener, waits for pending state writes, releases the state directory's lock and deletes a
   * temporary state directory. Idempotent.
   */
  stop(): Promise<void>
}

const contexts = new WeakMap<RunningEmulator, EmulatorContext>()

/**
 * The internal context of a running emulator (state, token service, ...). For the emulator's own tests and
 * tools that seed state directly; not part of the package's public API.
 */
export function contextOf(emulator: RunningEmulator): EmulatorContext {
  const ctx = contexts.get(emulator)
  if (!ctx) throw new Error('This object was not returned by startEmulator().')
  return ctx
}

/**
 * Starts the local Azure emulator: Entra token service, managed identity endpoints, an ARM subset and App
 * Configuration data planes, all bound to 127.0.0.1. One emulator at a time may use a state directory (it holds
 * `emulator.lock`; a lock left by a killed process is taken over).
 *
 * @throws {@link StateFileError} when `state.json` exists but is not valid emulator state.
 * @throws {@link StateInUseError} when another live emulator process uses the state directory.
 * @throws the `listen` error (`code: 'EADDRINUSE'`, `port`) when an explicit port is taken.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator({ stateDir: '.uami/emulator' })
 * const credential = new ClientSecretCredential(emulator.tenantId, emulator.developer.clientId,
 *   emulator.developer.clientSecret, { authorityHost: emulator.authorityHost, disableInstanceDiscovery: true })
 * // ... ARM clients with { endpoint: emulator.armEndpoint }
 * await emulator.stop()
 * ```
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const temporary = options.stateDir === undefined
  const stateDir = temporary
    ? await mkdtemp(join(tmpdir(), 'uami-emulator-'))
    : resolve(options.stateDir as string)
  await mkdir(stateDir, { recursive: true })
  const lock = await lockStateDir(stateDir)
  let state: StateStore
  let tls: LocalTls
  let tokens: TokenService
  try {
    state = await StateStore.open(stateDir)
    ;[tls, tokens] = await Promise.all([ensureLocalTls(stateDir), TokenService.open(stateDir)])
  } catch (error) {
    await lock.release()
    if (temporary) await rm(stateDir, { recursive: true, force: true })
    throw error
  }
  const logger = options.logger ?? false
  const settings: EmulatorSettings = { propagationDelayMs: options.propagationDelayMs ?? 0 }
  const base = {
    state,
    tokens,
    tls,
    faults: new FaultInjector(),
    counters: new RequestCounters(),
    settings,
    urls: { arm: '', identity: '' },
    logger,
  }
  const ctx: EmulatorContext = { ...base, stores: createStoreServers(base) }
  // `base` and `ctx` share `urls` by reference; fill it once the listeners are bound.

  const servers: FastifyInstance[] = []
  try {
    const arm = await createArmServer(ctx, logger)
    servers.push(arm)
    const identity = await createIdentityServer(ctx, logger)
    servers.push(identity)
    const previous = state.data.ports
    const armPort = await listen(arm, options.armPort, previous?.arm)
    const identityPort = await listen(identity, options.identityPort, previous?.identity)
    ctx.urls.arm = `https://${LOOPBACK}:${armPort}`
    ctx.urls.identity = `http://${LOOPBACK}:${identityPort}`
    if (previous?.arm !== armPort || previous?.identity !== identityPort) {
      await state.update((draft) => {
        draft.ports = { arm: armPort, identity: identityPort }
      })
    }
    for (const store of Object.values(state.data.stores)) {
      const { port, endpoint } = await ctx.stores.start({ id: store.id, port: store.port })
      if (port !== store.port || endpoint !== store.endpoint) {
        await state.update((draft) => {
          const record = draft.stores[normalizeId(store.id)]
          if (record) Object.assign(record, { port, endpoint })
        })
      }
    }
  } catch (error) {
    await Promise.allSettled([...servers.map((s) => s.close()), ctx.stores.close()])
    await state.flush()
    await lock.release()
    if (temporary) await rm(stateDir, { recursive: true, force: true })
    throw error
  }

  let stopped: Promise<void> | undefined
  const data = state.data
  const running: RunningEmulator = {
    armEndpoint: ctx.urls.arm,
    authorityHost: ctx.urls.arm,
    identityEndpoint: ctx.urls.identity,
    tenantId: data.tenantId,
    subscriptionId: data.subscriptionId,
    developer: {
      clientId: data.developer.clientId,
      clientSecret: data.developer.clientSecret,
      objectId: data.developer.objectId,
    },
    caCertPath: tls.caCertPath,
    stateDir,
    hostEnv: (hostResourceId) => hostEnvironment(ctx, hostResourceId),
    faults: ctx.faults,
    counters: ctx.counters,
    settings,
    stop() {
      stopped ??= (async () => {
        await Promise.allSettled([...servers.map((s) => s.close()), ctx.stores.close()])
        await state.flush()
        await lock.release()
        if (temporary) await rm(stateDir, { recursive: true, force: true })
      })()
      return stopped
    },
  }
  contexts.set(running, ctx)
  return running
}

/** Listens on the explicit port, else the previous one if free, else any free port. */
async function listen(
  app: FastifyInstance,
  explicit: number | undefined,
  previous: number | undefined,
): Promise<number> {
  if (explicit !== undefined) {
    await app.listen({ host: LOOPBACK, port: explicit })
  } else {
    try {
      await app.listen({ host: LOOPBACK, port: previous ?? 0 })
    } catch (error) {
      if (previous === undefined || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error
      await app.listen({ host: LOOPBACK, port: 0 })
    }
  }
  return (app.server.address() as AddressInfo).port
}
