import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify'

type ChildLoggerFactory = NonNullable<FastifyServerOptions['childLoggerFactory']>
type Bindings = Parameters<FastifyBaseLogger['child']>[0]
type ChildOptions = NonNullable<Parameters<FastifyBaseLogger['child']>[1]>
type LogArgs = Parameters<FastifyBaseLogger['info']>

/**
 * A request's logger that becomes `parent.child(bindings, options)` on first use. A class, so that making one per
 * request is one small allocation (its methods live on the prototype).
 */
class LazyChildLogger {
  #child: FastifyBaseLogger | undefined
  readonly #parent: FastifyBaseLogger
  readonly #bindings: Bindings
  readonly #options: ChildOptions

  constructor(parent: FastifyBaseLogger, bindings: Bindings, options: ChildOptions) {
    this.#parent = parent
    this.#bindings = bindings
    this.#options = options
  }

  #real(): FastifyBaseLogger {
    if (this.#child === undefined) this.#child = this.#parent.child(this.#bindings, this.#options)
    return this.#child
  }

  get level(): string {
    return this.#child?.level ?? this.#options.level ?? this.#parent.level
  }

  set level(level: string) {
    this.#real().level = level
  }

  fatal(...args: LogArgs): void {
    this.#real().fatal(...args)
  }
  error(...args: LogArgs): void {
    this.#real().error(...args)
  }
  warn(...args: LogArgs): void {
    this.#real().warn(...args)
  }
  info(...args: LogArgs): void {
    this.#real().info(...args)
  }
  debug(...args: LogArgs): void {
    this.#real().debug(...args)
  }
  trace(...args: LogArgs): void {
    this.#real().trace(...args)
  }
  silent(...args: LogArgs): void {
    this.#real().silent(...args)
  }
  child(bindings: Bindings, options?: ChildOptions): FastifyBaseLogger {
    return this.#real().child(bindings, options)
  }
}

/**
 * A `childLoggerFactory` for Fastify that creates each request's child logger only when the request logs
 * something. Fastify makes a child logger for every request (to bind `reqId`); with redaction configured, pino runs
 * the redaction over those bindings each time — measured as the largest cost the samples added to a bare Fastify
 * route (issue 9). When request logging is off, most requests never log, so the child is never made; when one
 * does log (an error, a slow request), it gets a real pino child with its `reqId` and the same redaction.
 *
 * @param logger - The server's logger.
 * @param bindings - The request's bindings (`{ reqId }`).
 * @param options - Child options (level, serializers).
 * @returns A logger that makes `logger.child(bindings, options)` on first use.
 */
export const lazyChildLogger: ChildLoggerFactory = (logger, bindings, options) =>
  new LazyChildLogger(logger, bindings, options) as unknown as FastifyBaseLogger
