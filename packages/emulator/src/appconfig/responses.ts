import type { FastifyReply, FastifyRequest } from 'fastify'
import type { KeyValueRecord } from '../state/model.js'
import { pageSize, type StoreBinding } from './binding.js'
import { evaluateRead, readPreconditions } from './conditions.js'
import { compareKeyValues, keyValueToWire, parseSelect } from './key-value-json.js'
import type { WriteOutcome } from './key-value-store.js'
import { nextLink, pageEtag, paginate } from './paging.js'
import { keyLocked, mediaTypes, sendProblem } from './problems.js'
import type { QueryParams } from './request-parts.js'

/**
 * Answers one page of a key-value list (`/kv`, `/revisions`): `{"etag", "items", "@nextLink"}`, the page etag in
 * `ETag`, and `Link: <...>; rel="next"` when there is a next page. With `conditional`, a matching `If-None-Match`
 * gets 304 and a failed `If-Match` 412 — both with an empty body but still `ETag` and `Link`, which the SDK needs
 * to move on to the next page (PROTOCOLS.md §5).
 */
export function sendKeyValuePage(
  binding: StoreBinding,
  request: FastifyRequest,
  reply: FastifyReply,
  query: QueryParams,
  sorted: readonly KeyValueRecord[],
  conditional: boolean,
): FastifyReply {
  const select = parseSelect(query.first('$select'))
  const page = paginate(
    sorted,
    query.first('after'),
    pageSize(binding),
    (record) => [record.key, record.label],
    (record, cursor) =>
      compareKeyValues(record, {
        key: String(cursor[0]),
        label: typeof cursor[1] === 'string' ? cursor[1] : null,
      }),
  )
  const etag = pageEtag(
    page.items.map((record) => record.etag),
    page.continuation,
  )
  const link = page.continuation === undefined ? undefined : nextLink(request.url, page.continuation)
  reply.header('etag', `"${etag}"`)
  if (link) reply.header('link', `<${link}>; rel="next"`)
  if (conditional) {
    const outcome = evaluateRead(readPreconditions(request.headers), etag)
    if (outcome !== 'proceed') return reply.code(outcome).send()
  }
  const body = {
    etag,
    items: page.items.map((record) => keyValueToWire(record, select)),
    ...(link ? { '@nextLink': link } : {}),
  }
  return reply.type(mediaTypes.kvset).send(JSON.stringify(body))
}

/** Answers a list of names (`/labels`, `/keys`): `{"items": [{"name"}], "@nextLink"}`. */
export function sendNamePage(
  binding: StoreBinding,
  request: FastifyRequest,
  reply: FastifyReply,
  query: QueryParams,
  sorted: ReadonlyArray<string | null>,
  compare: (a: string | null, b: string | null) => number,
  mediaType: string,
): FastifyReply {
  const select = query.first('$select')
  const withName =
    select === undefined ||
    select
      .split(',')
      .map((field) => field.trim().toLowerCase())
      .some((field) => field === 'name' || field === '*' || field === '')
  const page = paginate(
    sorted,
    query.first('after'),
    pageSize(binding),
    (name) => [name],
    (name, cursor) => compare(name, typeof cursor[0] === 'string' ? cursor[0] : null),
  )
  const link = page.continuation === undefined ? undefined : nextLink(request.url, page.continuation)
  if (link) reply.header('link', `<${link}>; rel="next"`)
  const body = {
    items: page.items.map((name) => (withName ? { name } : {})),
    ...(link ? { '@nextLink': link } : {}),
  }
  return reply.type(mediaType).send(JSON.stringify(body))
}

/** Answers one key-value with its `ETag` and `Last-Modified`. */
export function sendKeyValue(
  reply: FastifyReply,
  record: KeyValueRecord,
  body: Record<string, unknown>,
): FastifyReply {
  return reply
    .header('etag', `"${record.etag}"`)
    .header('last-modified', new Date(record.lastModified).toUTCString())
    .type(mediaTypes.kv)
    .send(JSON.stringify(body))
}

/** Answers a write: the key-value (200), nothing (204, 404, 412), a key-locked problem (409), or a dropped connection (store deleted meanwhile). */
export function sendWriteOutcome(
  request: FastifyRequest,
  reply: FastifyReply,
  outcome: WriteOutcome,
  key: string,
): FastifyReply {
  switch (outcome.status) {
    case 200:
      return sendKeyValue(reply, outcome.record, keyValueToWire(outcome.record))
    case 409:
      return sendProblem(reply, keyLocked(key))
    case 'gone':
      request.raw.socket.destroy()
      return reply.hijack()
    default:
      return reply.code(outcome.status).send()
  }
}
