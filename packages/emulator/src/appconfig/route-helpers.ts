import type { FastifyInstance, FastifyReply } from 'fastify'
import type { KeyValueRecord } from '../state/model.js'
import type { StoreBinding } from './binding.js'
import { matchesFilter, matchesTags, parseStringFilter, parseTagFilters } from './filters.js'
import { compareKeyValues } from './key-value-json.js'
import { listKeyValues } from './key-value-store.js'
import { invalidArgument } from './problems.js'
import { nameFromPath, type QueryParams } from './request-parts.js'

/** The key-values matching the `key`, `label` and `tags` filters of a list request, in list order. */
export function filteredKeyValues(binding: StoreBinding, query: QueryParams): KeyValueRecord[] {
  const keyFilter = parseStringFilter('key', query.first('key'))
  const labelFilter = parseStringFilter('label', query.first('label'))
  const tags = parseTagFilters(query.all('tags'))
  return listKeyValues(binding)
    .filter(
      (record) =>
        matchesFilter(keyFilter, record.key) &&
        matchesFilter(labelFilter, record.label) &&
        matchesTags(tags, record.tags),
    )
    .sort(compareKeyValues)
}

/** The key in the path of a single key-value request; 400 when empty. */
export function requiredKey(url: string, collection: string): string {
  const key = nameFromPath(url, collection)
  if (key === '') throw invalidArgument('key', 'key: a key is required in the path.')
  return key
}

/** 405 with `Allow` for methods the service does not support on a path. */
export function notAllowed(app: FastifyInstance, url: string, methods: string[], allow: string): void {
  app.route({
    method: methods,
    url,
    handler: async (_request, reply: FastifyReply) => reply.code(405).header('allow', allow).send(),
  })
}
