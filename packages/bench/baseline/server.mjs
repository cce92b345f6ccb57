// The benchmark's baseline: a bare Fastify server — the same Fastify the samples use, in its defaults — whose
// routes answer exactly the bytes a sample answered on the same routes. BASELINE_ROUTES is base64 of a JSON list
// of { route, contentType, body (base64) }, e.g. the route `/config/:key`. sample ÷ baseline is then what the
// sample adds to the framework. BASELINE_LOGGER=1 turns on Fastify's default request logging (`logger: true`: two
// JSON lines per request), shown for information.
import Fastify from 'fastify'

const routes = JSON.parse(Buffer.from(process.env.BASELINE_ROUTES ?? 'W10=', 'base64').toString('utf8'))
const logger = process.env.BASELINE_LOGGER === '1'

const app = Fastify({ logger })
for (const { route, contentType, body } of routes) {
  const bytes = Buffer.from(body, 'base64')
  app.get(route, (_request, reply) => {
    reply.type(contentType).send(bytes)
  })
}
const address = await app.listen({ host: '127.0.0.1', port: 0 })
// With the logger on, Fastify prints this line itself; the benchmark waits for it either way.
if (!logger) process.stdout.write(`Server listening at ${address}\n`)
for (const signal of ['SIGINT', 'SIGTERM'])
  process.once(signal, () => app.close().then(() => process.exit(0)))
