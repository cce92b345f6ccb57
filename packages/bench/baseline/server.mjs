// The benchmark's baseline: a bare Fastify server with one route that answers exactly the bytes a sample's
// `GET /config/:key` answered (BASELINE_BODY, base64, with BASELINE_CONTENT_TYPE). Fastify's defaults, so that
// sample ÷ baseline is what the sample adds to the framework. BASELINE_LOGGER=1 turns on Fastify's default request
// logging (`logger: true`: two JSON lines per request), shown for information.
import Fastify from 'fastify'

const body = Buffer.from(process.env.BASELINE_BODY ?? '', 'base64')
const contentType = process.env.BASELINE_CONTENT_TYPE ?? 'application/json; charset=utf-8'
const logger = process.env.BASELINE_LOGGER === '1'

const app = Fastify({ logger })
app.get('/config/:key', (_request, reply) => {
  reply.type(contentType).send(body)
})
const address = await app.listen({ host: '127.0.0.1', port: 0 })
// With the logger on, Fastify prints this line itself; the benchmark waits for it either way.
if (!logger) console.log(`Server listening at ${address}`)
for (const signal of ['SIGINT', 'SIGTERM'])
  process.once(signal, () => app.close().then(() => process.exit(0)))
