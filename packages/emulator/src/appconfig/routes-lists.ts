import type { FastifyInstance } from 'fastify'
import { dataActions } from './auth.js'
import type { StoreBinding } from './binding.js'
import { matchesFilter, parseStringFilter } from './filters.js'
import { compareNullable } from './key-value-json.js'
import { listKeyValues } from './key-value-store.js'
import { mediaTypes, ProblemError, sendProblem, snapshotNotFound } from './problems.js'
import { nameFromPath, QueryParams } from './request-parts.js'
import { sendKeyValuePage, sendNamePage } from './responses.js'
import { filteredKeyValues, notAllowed } from './route-helpers.js'

/** `/labels`, `/keys`, `/revisions` and the `/snapshots` stubs. */
export function listRoutes(app: FastifyInstance, binding: StoreBinding): void {
  const read = { config: { action: dataActions.read } }
  const snapshotRead = { config: { action: dataActions.snapshotRead } }

  app.get('/labels', read, async (request, reply) => {
    const query = new QueryParams(request.url)
    const filter = parseStringFilter('name', query.first('name'))
    const labels = distinct(listKeyValues(binding).map((record) => record.label))
      .filter((label) => matchesFilter(filter, label))
      .sort(compareNullable)
    return sendNamePage(binding, request, reply, query, labels, compareNullable, mediaTypes.labelset)
  })

  app.get('/keys', read, async (request, reply) => {
    const query = new QueryParams(request.url)
    const filter = parseStringFilter('name', query.first('name'))
    const keys = distinct(listKeyValues(binding).map((record) => record.key))
      .filter((key) => matchesFilter(filter, key))
      .sort(compareNullable)
    return sendNamePage(binding, request, reply, query, keys, compareNullable, mediaTypes.keyset)
  })

  // Revisions are the current revision of each key-value: the emulator keeps no history.
  app.get('/revisions', read, async (request, reply) => {
    const query = new QueryParams(request.url)
    return sendKeyValuePage(binding, request, reply, query, filteredKeyValues(binding, query), false)
  })

  app.get('/snapshots', snapshotRead, async (_request, reply) =>
    reply.type(mediaTypes.snapshotset).send(JSON.stringify({ items: [] })),
  )

  app.get('/snapshots/*', snapshotRead, async (request, reply) =>
    sendProblem(reply, snapshotNotFound(nameFromPath(request.url, 'snapshots'))),
  )

  app.route({
    method: ['PUT', 'PATCH'],
    url: '/snapshots/*',
    ...snapshotRead,
    handler: async () => {
      throw new ProblemError({
        type: 'about:blank',
        title: 'Not Implemented',
        detail:
          'The uami emulator does not emulate App Configuration snapshots. Select key-values with key and label filters instead.',
        status: 501,
      })
    },
  })

  notAllowed(app, '/labels', ['PUT', 'POST', 'PATCH', 'DELETE'], 'GET, HEAD')
  notAllowed(app, '/keys', ['PUT', 'POST', 'PATCH', 'DELETE'], 'GET, HEAD')
  notAllowed(app, '/revisions', ['PUT', 'POST', 'PATCH', 'DELETE'], 'GET, HEAD')
}

function distinct<T>(values: T[]): T[] {
  return [...new Set(values)]
}
