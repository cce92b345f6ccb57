/**
 * Fastify plugin: builds the credential once at startup and decorates the instance with it and with a summary of
 * the identity in use.
 *
 * @packageDocumentation
 */
import type { TokenCredential } from '@azure/core-auth'
import type { FastifyPluginAsync } from 'fastify'
import fastifyPlugin from 'fastify-plugin'
import type { CreateCredentialOptions, IdentitySummary } from './credential/create-credential.js'
import { createCredential } from './credential/create-credential.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The credential `@uami/credential` built for this host; pass it to Azure SDK clients. */
    azureCredential: TokenCredential
    /** What was chosen: host, credential kind, selector kind and value (IDs are not secrets), notes. */
    azureIdentity: IdentitySummary
  }
}

/** Options of {@link uamiCredential}: the same as `createCredential`'s. */
export interface UamiCredentialPluginOptions extends CreateCredentialOptions {}

const plugin: FastifyPluginAsync<UamiCredentialPluginOptions> = async (fastify, options) => {
  const { credential, summary } = createCredential({
    selector: options.selector,
    env: options.env,
    host: options.host,
    credentialOptions: options.credentialOptions,
    defaultAzureCredentialOptions: options.defaultAzureCredentialOptions,
  })
  fastify.decorate('azureCredential', credential)
  fastify.decorate('azureIdentity', summary)
  fastify.log.info(
    {
      host: summary.host,
      credentialKind: summary.credentialKind,
      selector: { kind: summary.selector.kind, value: summary.selector.value },
    },
    'azure credential ready',
  )
}

/**
 * Registers the credential on a Fastify instance. At registration it calls `createCredential(options)` — so a bad
 * identity or configuration stops the app at startup with a coded error — and decorates the instance with
 * `azureCredential` (the `TokenCredential`) and `azureIdentity` (an {@link IdentitySummary}: host, credential kind,
 * selector kind and value, notes). It logs the summary once through `fastify.log`, never a secret.
 *
 * @param fastify - The Fastify instance (passed by `register`).
 * @param options - The same options as `createCredential`; all optional.
 * @throws The coded errors of `createCredential`, at `register`/`ready` time.
 * @example
 * ```ts
 * import Fastify from 'fastify'
 * import { uamiCredential } from '@uami/credential/fastify'
 *
 * const app = Fastify({ logger: true })
 * await app.register(uamiCredential)
 * app.get('/identity', async () => app.azureIdentity)
 * ```
 */
export const uamiCredential = fastifyPlugin(plugin, { name: '@uami/credential', fastify: '5.x' })

export default uamiCredential
