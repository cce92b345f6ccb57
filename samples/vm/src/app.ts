import type { StatusSource } from '@uami/fastify-app-configuration'
import { appConfiguration, configRouteSchema } from '@uami/fastify-app-configuration'
import type { FastifyInstance } from 'fastify'
import { createCredential } from './credential.js'
import type { Env } from './env.js'
import { settingsLoader } from './settings.js'

/** Options of {@link app}. */
export interface AppOptions {
  /** From env.ts. */
  readonly env: Env
  /** Route tests pass their own; by default the settings come from App Configuration. */
  readonly source?: StatusSource | undefined
}

/**
 * The VM sample as a Fastify plugin: the credential for the identity, the settings read with it, routes.
 *
 * @param fastify - The Fastify instance.
 * @param options - The environment (and, in tests, a status source).
 */
export default async function app(fastify: FastifyInstance, { env, source }: AppOptions): Promise<void> {
  const credential = createCredential(env)
  // Loads the settings in the background once the server listens, proves which identity read them, refreshes them
  // and keeps the last-known-good ones if the store goes away; serves /, /identity, /healthz and /readyz.
  await fastify.register(appConfiguration, {
    app: {
      name: 'vm',
      title: 'Azure Virtual Machine',
      host: 'vm',
      why: 'IMDS picks a user-assigned identity by itself only when the VM has exactly one and no system-assigned identity, so the app names it. The object ID is the principal ID role assignments use; DefaultAzureCredential has no object-ID option, so the credential is ManagedIdentityCredential({ objectId }).',
    },
    identity: env.identity,
    credential,
    load: settingsLoader(env, credential),
    endpoint: env.appConfigEndpoint,
    sentinelKey: env.sentinelKey,
    refreshSeconds: env.refreshSeconds,
    source,
  })

  // #region route
  // One setting, from memory: no App Configuration request on the request path. 404 for an unknown key, 503
  // (with the reason and its fix) until the settings are loaded.
  fastify.get<{ Params: { key: string } }>('/config/:key', { schema: configRouteSchema }, async (request) =>
    fastify.appConfiguration.setting(request.params.key),
  )
  // #endregion route
}
