import { createHash } from 'node:crypto'

/** Default number of items per list page (the service's own limit is similar). */
export const DEFAULT_PAGE_SIZE = 100

/** One page of a sorted list, with the continuation token for the next page when there is one. */
export interface Page<T> {
  items: T[]
  /** Opaque `after` value for the next page; absent on the last page. */
  continuation?: string
}

/**
 * Cuts one page out of a sorted list. The `after` token names the last item already returned (not an offset), so
 * items inserted or deleted between page requests do not shift later pages. A token that cannot be decoded is
 * ignored (the first page is served), as the service does.
 */
export function paginate<T>(
  sorted: readonly T[],
  after: string | undefined,
  pageSize: number,
  cursorOf: (item: T) => unknown[],
  compareToCursor: (item: T, cursor: unknown[]) => number,
): Page<T> {
  const cursor = after === undefined ? undefined : decodeCursor(after)
  const start = cursor === undefined ? 0 : sorted.findIndex((item) => compareToCursor(item, cursor) > 0)
  if (start === -1) return { items: [] }
  const size = Math.max(1, Math.floor(pageSize))
  const items = sorted.slice(start, start + size)
  const last = items.at(-1)
  if (start + size >= sorted.length || last === undefined) return { items }
  return { items, continuation: encodeCursor(cursorOf(last)) }
}

function encodeCursor(cursor: unknown[]): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url')
}

function decodeCursor(token: string): unknown[] | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
    return Array.isArray(value) ? value : undefined
  } catch {
    return undefined
  }
}

/**
 * The page etag: a hash of the items' etags and the continuation token (so a page whose next page appears or
 * disappears also changes), like the service's `kvset` etag. An empty page has a stable etag too.
 */
export function pageEtag(itemEtags: readonly string[], continuation: string | undefined): string {
  const hash = createHash('sha256').update('kvset\n')
  if (itemEtags.length === 0) hash.update('\n')
  for (const etag of itemEtags) hash.update(`${etag}\n`)
  if (continuation) hash.update(continuation)
  return hash.digest('base64url')
}

/**
 * The relative next-page link: the request's path and query with any `after` removed and `after=<token>` appended
 * last. `after` is never the first parameter: `@azure/app-configuration` reads it with
 * `new URLSearchParams(nextLink)`, which would swallow a first parameter into the path (PROTOCOLS.md §5).
 */
export function nextLink(rawUrl: string, continuation: string): string {
  const [path = '/', query = ''] = splitUrl(rawUrl)
  const kept = query
    .split('&')
    .filter((entry) => entry !== '' && safeDecode(entry.split('=')[0] ?? '').toLowerCase() !== 'after')
  if (kept.length === 0) kept.push('api-version=2023-11-01')
  kept.push(`after=${continuation}`)
  return `${path}?${kept.join('&')}`
}

function splitUrl(rawUrl: string): [string, string] {
  const index = rawUrl.indexOf('?')
  return index === -1 ? [rawUrl, ''] : [rawUrl.slice(0, index), rawUrl.slice(index + 1)]
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
