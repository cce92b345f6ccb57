import closeWithGrace from 'close-with-grace'
import type { FastifyInstance } from 'fastify'

/** Where and how long: the subset of the sample environment this needs. */
export interface ListenOptions {
  /** `PORT` (0 picks a free port; the log line "Server listening at …" says which). */
  readonly port: number
  /** `HOST`. */
  readonly host: string
  /** Milliseconds to finish in-flight requests on SIGTERM/SIGINT before exiting anyway. Default 10 000. */
  readonly graceMs?: number
}

/**
 * Closes the server gracefully on SIGTERM/SIGINT (App Service, Container Apps and systemd stop apps with SIGTERM)
 * or an uncaught error — in-flight requests finish, new ones get 503 — then listens. Fastify logs
 * `Server listening at http://…` with the port.
 *
 * @param app - The Fastify instance with the sample registered.
 * @param options - Port, host and grace period.
 * @returns The address the server listens at.
 * @example
 * ```ts
 * await listenWithGrace(app, env)
 * ```
 */
export async function listenWithGrace(app: FastifyInstance, options: ListenOptions): Promise<string> {
  closeWithGrace({ delay: options.graceMs ?? 10_000, logger: app.log }, async ({ signal, err }) => {
    if (err !== undefined) app.log.error({ err }, 'closing after an uncaught error')
    else app.log.info({ signal }, 'closing')
    await app.close()
  })
  return app.listen({ port: options.port, host: options.host })
}
