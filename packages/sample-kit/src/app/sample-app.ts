import { uamiCredential } from '@uami/credential/fastify'
import type { FastifyInstance } from 'fastify'
import type { SampleEnv } from '../env/read-sample-env.js'
import { sampleRoutes } from '../routes/sample-routes.js'
import type { SampleDefinition } from '../sample.js'
import type { StatusSource } from '../status/status.js'
import { sampleErrorHandler, sampleNotFoundHandler } from './error-handler.js'
import { appConfigurationSettings } from './settings-plugin.js'

/** Options of {@link sampleApp}. */
export interface SampleAppOptions {
  /** The validated environment, from the sample's `readEnv()`. */
  readonly env: SampleEnv
  /** Route tests pass their own status source; by default settings come from App Configuration. */
  readonly source?: StatusSource | undefined
}

/** {@link SampleAppOptions} plus the sample's definition. */
export interface SampleAppRegistration extends SampleAppOptions {
  /** What makes the sample itself: host and identifier kind. */
  readonly sample: SampleDefinition
}

/**
 * A sample, as a Fastify plugin in the fastify/demo shape: plugins first — the credential for the configured
 * identity (`@uami/credential/fastify`), then settings from App Configuration — then the routes; one error handler
 * that answers 4xx with the reason and hides the details of 5xx, and a JSON 404.
 *
 * @param fastify - The Fastify instance.
 * @param options - The sample's definition, its environment and (in tests) a status source.
 * @example
 * ```ts
 * await fastify.register(sampleApp, { sample, env })
 * ```
 */
export async function sampleApp(fastify: FastifyInstance, options: SampleAppRegistration): Promise<void> {
  const { sample, env } = options
  fastify.setErrorHandler(sampleErrorHandler)
  fastify.setNotFoundHandler(sampleNotFoundHandler)
  await fastify.register(uamiCredential, { selector: env.identity.selector, env: env.credentialEnv })
  await fastify.register(appConfigurationSettings, { env, source: options.source })
  await fastify.register(sampleRoutes, { sample, env })
}
