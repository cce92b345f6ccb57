import { TELEMETRY_OFF } from './child-env.js'
import type { ChildRegistry } from './processes.js'
import { benchDir } from './repo.js'
import { type ReadySample, startSample } from './sample-process.js'

/** One route of a baseline server: the same bytes a sample answered. */
export interface BaselineRoute {
  /** Fastify route, e.g. `/config/:key`. */
  readonly route: string
  /** A path to request it by, e.g. `/config/Settings%3AMessage`. */
  readonly path: string
  readonly contentType: string
  readonly body: Buffer
}

/** Options of {@link startBaseline}. */
export interface BaselineOptions {
  readonly routes: readonly BaselineRoute[]
  /** Fastify's default request logging (`logger: true`), shown for information. */
  readonly logger?: boolean
  readonly registry: ChildRegistry
}

/**
 * Starts the baseline: `packages/bench/baseline/server.mjs`, a bare Fastify server (the samples' own Fastify, in
 * its defaults) whose routes answer the given bytes. It is spawned and timed exactly as a sample is (spawn → its
 * listening line → the first 200, here on the first route), so that its cold start is the same measurement.
 *
 * @param options - Routes, logging, registry.
 * @returns The ready server.
 * @throws `SampleStartError` when it does not start.
 */
export function startBaseline(options: BaselineOptions): Promise<ReadySample> {
  const [first] = options.routes
  if (first === undefined) throw new RangeError('A baseline needs at least one route.')
  const routes = options.routes.map(({ route, contentType, body }) => ({
    route,
    contentType,
    body: body.toString('base64'),
  }))
  return startSample({
    dir: benchDir,
    entry: 'baseline/server.mjs',
    env: {
      BASELINE_ROUTES: Buffer.from(JSON.stringify(routes)).toString('base64'),
      BASELINE_LOGGER: options.logger === true ? '1' : '0',
      ...TELEMETRY_OFF,
    },
    registry: options.registry,
    readyPath: first.path,
  })
}
