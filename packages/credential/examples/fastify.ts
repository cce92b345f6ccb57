// Fastify: register the plugin once; routes read app.azureCredential and app.azureIdentity.
import { uamiCredential } from '@uami/credential/fastify'
import Fastify from 'fastify'

export async function buildApp() {
  const app = Fastify({ logger: true })
  await app.register(uamiCredential) // stops startup with a coded error if the identity is misconfigured
  app.get('/identity', async () => {
    const { host, credentialKind, selector } = app.azureIdentity
    return { host, credentialKind, selector: { kind: selector.kind, value: selector.value } }
  })
  return app
}
