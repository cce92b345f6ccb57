import type { IncomingHttpHeaders } from 'node:http'

/** `If-Match` / `If-None-Match` of a request: `'*'`, a list of etags (quotes and `W/` removed), or absent. */
export interface Preconditions {
  ifMatch?: '*' | string[]
  ifNoneMatch?: '*' | string[]
}

/** Reads the conditional headers. The SDK quotes etags itself (`"abc"`); bare etags are accepted too. */
export function readPreconditions(headers: IncomingHttpHeaders): Preconditions {
  const ifMatch = parseEtagList(headers['if-match'])
  const ifNoneMatch = parseEtagList(headers['if-none-match'])
  return {
    ...(ifMatch === undefined ? {} : { ifMatch }),
    ...(ifNoneMatch === undefined ? {} : { ifNoneMatch }),
  }
}

function parseEtagList(header: string | string[] | undefined): '*' | string[] | undefined {
  if (header === undefined) return undefined
  const text = Array.isArray(header) ? header.join(',') : header
  const tags = text
    .split(',')
    .map((tag) =>
      tag
        .trim()
        .replace(/^W\//, '')
        .replace(/^"(.*)"$/, '$1'),
    )
    .filter(Boolean)
  if (tags.length === 0) return undefined
  return tags.includes('*') ? '*' : tags
}

function matchesAny(condition: '*' | string[], etag: string | undefined): boolean {
  if (etag === undefined) return false
  return condition === '*' || condition.includes(etag)
}

/**
 * The outcome of a conditional read of a resource whose current etag is `etag` (`undefined` = does not exist):
 * a failed `If-Match` → 412; a matching `If-None-Match` → 304 (HTTP semantics, `*` included).
 */
export function evaluateRead(pre: Preconditions, etag: string | undefined): 'proceed' | 304 | 412 {
  if (pre.ifMatch !== undefined && !matchesAny(pre.ifMatch, etag)) return 412
  if (pre.ifNoneMatch !== undefined && matchesAny(pre.ifNoneMatch, etag)) return 304
  return 'proceed'
}

/**
 * The outcome of a conditional write: `If-Match: *` needs the key-value to exist, `If-Match: "e"` needs its etag
 * to be `e`; `If-None-Match: *` needs it to be absent (`addConfigurationSetting`), `If-None-Match: "e"` needs its
 * etag to differ. Any failure → 412.
 */
export function evaluateWrite(pre: Preconditions, etag: string | undefined): 'proceed' | 412 {
  if (pre.ifMatch !== undefined && !matchesAny(pre.ifMatch, etag)) return 412
  if (pre.ifNoneMatch !== undefined && matchesAny(pre.ifNoneMatch, etag)) return 412
  return 'proceed'
}
