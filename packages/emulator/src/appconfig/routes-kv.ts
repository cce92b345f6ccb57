import type { FastifyInstance } from 'fastify'
import { dataActions } from './auth.js'
import type { StoreBinding } from './binding.js'
import { evaluateRead, readPreconditions } from './conditions.js'
import { matchesTags, parseTagFilters } from './filters.js'
import { keyValueToWire, parseSelect } from './key-value-json.js'
import { deleteKeyValue, findKeyValue, putKeyValue, setLocked } from './key-value-store.js'
import { sendProblem, snapshotNotFound } from './problems.js'
import { checkSize, labelParam, parseKeyValueBody, QueryParams, validateKey } from './request-parts.js'
import { sendKeyValue, sendKeyValuePage, sendWriteOutcome } from './responses.js'
import { filteredKeyValues, notAllowed, requiredKey } from './route-helpers.js'

/** `/kv`, `/kv/{key}` and `/locks/{key}`: the key-value operations the SDK and the provider use. */
export function keyValueRoutes(app: FastifyInstance, binding: StoreBinding): void {
  const read = { config: { action: dataActions.read } }
  const write = { config: { action: dataActions.write } }
  const remove = { config: { action: dataActions.delete } }

  app.get('/kv', read, async (request, reply) => {
    const query = new QueryParams(request.url)
    const snapshot = query.first('snapshot')
    if (snapshot !== undefined) return sendProblem(reply, snapshotNotFound(snapshot))
    return sendKeyValuePage(binding, request, reply, query, filteredKeyValues(binding, query), true)
  })

  app.get('/kv/*', read, async (request, reply) => {
    const query = new QueryParams(request.url)
    const key = requiredKey(request.url, 'kv')
    const label = labelParam(query)
    const tags = parseTagFilters(query.all('tags'))
    const select = parseSelect(query.first('$select'))
    const record = findKeyValue(binding, key, label)
    if (!record || !matchesTags(tags, record.tags)) return reply.code(404).send()
    const outcome = evaluateRead(readPreconditions(request.headers), record.etag)
    if (outcome !== 'proceed') return reply.header('etag', `"${record.etag}"`).code(outcome).send()
    return sendKeyValue(reply, record, keyValueToWire(record, select))
  })

  app.put('/kv/*', write, async (request, reply) => {
    const query = new QueryParams(request.url)
    const key = requiredKey(request.url, 'kv')
    validateKey(key)
    const label = labelParam(query)
    const input = parseKeyValueBody(request.body)
    checkSize(key, label, input)
    const outcome = await putKeyValue(binding, key, label, input, readPreconditions(request.headers))
    return sendWriteOutcome(request, reply, outcome, key)
  })

  app.delete('/kv/*', remove, async (request, reply) => {
    const key = requiredKey(request.url, 'kv')
    const label = labelParam(new QueryParams(request.url))
    const outcome = await deleteKeyValue(binding, key, label, readPreconditions(request.headers))
    return sendWriteOutcome(request, reply, outcome, key)
  })

  for (const [method, locked] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const) {
    app.route({
      method,
      url: '/locks/*',
      ...write,
      handler: async (request, reply) => {
        const key = requiredKey(request.url, 'locks')
        const label = labelParam(new QueryParams(request.url))
        const outcome = await setLocked(binding, key, label, locked, readPreconditions(request.headers))
        return sendWriteOutcome(request, reply, outcome, key)
      },
    })
  }

  notAllowed(app, '/kv', ['PUT', 'POST', 'PATCH', 'DELETE'], 'GET, HEAD')
  notAllowed(app, '/kv/*', ['POST', 'PATCH'], 'GET, HEAD, PUT, DELETE')
  notAllowed(app, '/locks/*', ['GET', 'POST', 'PATCH'], 'PUT, DELETE')
}
