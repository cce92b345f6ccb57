interface MediaRange {
  readonly type: string
  readonly subtype: string
  readonly q: number
}

function parseAccept(header: string): MediaRange[] {
  return header
    .split(',')
    .map((part) => {
      const [range = '', ...params] = part.trim().split(';')
      const [type = '', subtype = ''] = range.trim().toLowerCase().split('/')
      const qParam = params.map((param) => param.trim().toLowerCase()).find((param) => param.startsWith('q='))
      const q = qParam === undefined ? 1 : Number(qParam.slice(2))
      return { type, subtype, q: Number.isFinite(q) ? Math.min(Math.max(q, 0), 1) : 0 }
    })
    .filter((range) => range.type !== '' && range.subtype !== '')
}

function quality(ranges: readonly MediaRange[], type: string, subtype: string): number {
  const exact = ranges.find((range) => range.type === type && range.subtype === subtype)
  if (exact !== undefined) return exact.q
  const partial = ranges.find((range) => range.type === type && range.subtype === '*')
  if (partial !== undefined) return partial.q
  return ranges.find((range) => range.type === '*' && range.subtype === '*')?.q ?? 0
}

/**
 * Whether a request's `Accept` header prefers JSON over HTML: `application/json` must rank strictly higher than
 * `text/html` (by q-value, most specific range first). Browsers and `*\/*` get HTML.
 *
 * @param accept - The `Accept` header, if any.
 * @returns `true` to answer with JSON.
 * @example
 * ```ts
 * prefersJson('application/json') // true
 * prefersJson('text/html,application/xhtml+xml,*\/*;q=0.8') // false
 * ```
 */
export function prefersJson(accept: string | undefined): boolean {
  if (accept === undefined || accept === '') return false
  const ranges = parseAccept(accept)
  return quality(ranges, 'application', 'json') > quality(ranges, 'text', 'html')
}
