import type { FastifyPluginAsync } from 'fastify'
import fastifyPlugin from 'fastify-plugin'
import type { SampleEnv } from '../env/read-sample-env.js'
import { AppConfigurationSource } from '../status/app-configuration-source.js'
import type { StatusSource } from '../status/status.js'

// The credential plugin's `declare module 'fastify'` (azureCredential, azureIdentity) comes with this import.
export type { UamiCredentialPluginOptions } from '@uami/credential/fastify'

declare module 'fastify' {
  interface FastifyInstance {
    /** Where routes read the sample's status (identity proof, settings, errors) — always from memory. */
    sampleStatus: StatusSource
  }
}

/** Options of {@link appConfigurationSettings}. */
export interface SettingsPluginOptions {
  /** The sample's validated environment. */
  readonly env: SampleEnv
  /** A status source to use instead of App Configuration (route tests). Default: an {@link AppConfigurationSource}. */
  readonly source?: StatusSource | undefined
}

const plugin: FastifyPluginAsync<SettingsPluginOptions> = async (fastify, options) => {
  const source =
    options.source ??
    new AppConfigurationSource({
      env: options.env,
      credential: fastify.azureCredential,
      host: fastify.azureIdentity.host,
      log: fastify.log,
    })
  fastify.decorate('sampleStatus', source)
  // Load in the background once the server is ready: it listens (and answers /healthz) even while App
  // Configuration or the identity is not yet usable.
  fastify.addHook('onReady', async () => source.start())
  fastify.addHook('onClose', async () => source.stop())
}

/**
 * Fastify plugin: the settings and identity proof of a sample. Needs `@uami/credential/fastify` registered first
 * (it uses `fastify.azureCredential` and `fastify.azureIdentity`). Decorates `fastify.sampleStatus`, starts loading
 * when the server is ready and stops its timers when it closes.
 *
 * @example
 * ```ts
 * await fastify.register(uamiCredential, { selector: env.identity.selector, env: env.credentialEnv })
 * await fastify.register(appConfigurationSettings, { env })
 * ```
 */
export const appConfigurationSettings = fastifyPlugin(plugin, {
  name: '@uami/sample-kit/settings',
  fastify: '5.x',
  dependencies: ['@uami/credential'],
})
