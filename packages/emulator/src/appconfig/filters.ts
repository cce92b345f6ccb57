/**
 * App Configuration's key / label / tag filter language (rest-api-key-value.md, "Filtering"), with the edge cases
 * of the service team's own emulator (Azure/AppConfiguration-Emulator `SearchQuery`):
 * - omitted, empty or starting with `*` → any; `\0` (`%00`) → no label;
 * - `a,b` → any of up to 5 values (`\0` inside a list means no label);
 * - `abc*` → prefix;
 * - `*`, `,` and `\` are reserved and must be escaped with `\` to be literal; any character may be escaped.
 */
import { invalidArgument, type ProblemError } from './problems.js'

/** A parsed key or label filter. */
export type StringFilter =
  | { kind: 'any' }
  | { kind: 'null' }
  | { kind: 'equals'; value: string }
  | { kind: 'prefix'; prefix: string }
  | { kind: 'anyOf'; values: Array<string | null> }

/** One `tags=name=value` filter; `value` null matches a tag whose value is null (`name=%00`). */
export interface TagFilter {
  name: string
  value: string | null
}

/** The "no label" marker (`%00` in the URL). */
export const NULL_STRING = '\u0000'
/** Maximum values in a comma list, and maximum `tags` filters. */
export const MAX_LIST_ITEMS = 5

const ESCAPE = '\\'
const RESERVED = new Set(['*', ',', '\\'])

/** The error App Configuration sends for a bad filter: detail `name(pos): reason`. */
function filterError(name: string, position: number, reason: string): ProblemError {
  return invalidArgument(name, `${name}(${position}): ${reason}`, position)
}

/** True when the character at `index` is escaped (preceded by an odd number of backslashes) or is a backslash. */
function isEscaped(value: string, index: number): boolean {
  if (value[index] === ESCAPE) return true
  let count = 0
  for (let i = index - 1; i >= 0 && value[i] === ESCAPE; i--) count++
  return count % 2 !== 0
}

/** Removes escapes, refusing an unescaped reserved character. `offset` places errors within the whole filter. */
function unescapeFilter(value: string, name: string, offset: number): string {
  let out = ''
  let pending = 0
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string
    if (c === ESCAPE) {
      pending++
      continue
    }
    if (pending % 2 === 0 && RESERVED.has(c)) throw filterError(name, offset + i, 'Invalid character')
    pending = 0
  }
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string
    if (c === ESCAPE) {
      i++
      if (i < value.length) out += value[i]
      continue
    }
    out += c
  }
  return out
}

/** Splits on unescaped `separator`; `undefined` when the separator does not occur. */
function splitEscaped(value: string, separator: string): Array<{ text: string; offset: number }> | undefined {
  const parts: Array<{ text: string; offset: number }> = []
  let start = 0
  for (let i = 0; i < value.length; i++) {
    const c = value[i]
    if (c === ESCAPE) {
      i++
      continue
    }
    if (c === separator) {
      parts.push({ text: value.slice(start, i), offset: start })
      start = i + 1
    }
  }
  if (parts.length === 0) return undefined
  parts.push({ text: value.slice(start), offset: start })
  return parts
}

/**
 * Parses a `key`, `label` or `name` filter. Throws a 400 `invalid-argument` {@link ProblemError} (as Azure answers)
 * for an unescaped reserved character or more than {@link MAX_LIST_ITEMS} values.
 */
export function parseStringFilter(name: string, raw: string | undefined): StringFilter {
  if (raw === undefined || raw === '' || raw.startsWith('*')) return { kind: 'any' }
  if (raw === NULL_STRING) return { kind: 'null' }
  const list = splitEscaped(raw, ',')
  if (list) {
    if (list.length > MAX_LIST_ITEMS) {
      throw filterError(name, 0, `Too many values. Maximum supported is ${MAX_LIST_ITEMS}`)
    }
    return {
      kind: 'anyOf',
      values: list.map((part) =>
        part.text === NULL_STRING ? null : unescapeFilter(part.text, name, part.offset),
      ),
    }
  }
  const last = raw.length - 1
  if (raw[last] === '*' && !isEscaped(raw, last)) {
    return { kind: 'prefix', prefix: unescapeFilter(raw.slice(0, last), name, 0) }
  }
  return { kind: 'equals', value: unescapeFilter(raw, name, 0) }
}

/** Whether a key or label (`null` = no label) passes a filter. */
export function matchesFilter(filter: StringFilter, value: string | null): boolean {
  switch (filter.kind) {
    case 'any':
      return true
    case 'null':
      return value === null
    case 'equals':
      return value === filter.value
    case 'prefix':
      return value?.startsWith(filter.prefix) ?? false
    case 'anyOf':
      return filter.values.includes(value)
  }
}

/**
 * Parses repeated `tags` parameters (`name=value`, `name=%00` for a null value, `name=` for an empty one; `=` may
 * be escaped). An empty parameter means no filter. At most {@link MAX_LIST_ITEMS} filters.
 */
export function parseTagFilters(raw: readonly string[]): TagFilter[] {
  const values = raw.filter((value) => value !== '')
  if (values.length > MAX_LIST_ITEMS) {
    throw filterError('tags', 0, `Too many tag filters. Maximum supported is ${MAX_LIST_ITEMS}`)
  }
  return values.map((value) => {
    const parts = splitEscaped(value, '=')
    if (!parts) throw filterError('tags', 0, 'Invalid tag filter')
    if (parts.length > 2) {
      throw filterError('tags', 0, "Invalid tag filter with multiple '=' separators.")
    }
    const [name, tagValue] = parts as [{ text: string; offset: number }, { text: string; offset: number }]
    if (name.text === NULL_STRING || name.text.trim() === '') {
      throw filterError('tags', 0, 'Invalid tag filter with null or empty tag name.')
    }
    return {
      name: unescapeFilter(name.text, 'tags', name.offset),
      value: tagValue.text === NULL_STRING ? null : unescapeFilter(tagValue.text, 'tags', tagValue.offset),
    }
  })
}

/** Whether a key-value's tags satisfy every tag filter. */
export function matchesTags(
  filters: readonly TagFilter[],
  tags: Readonly<Record<string, string | null>>,
): boolean {
  return filters.every(
    (filter) => Object.hasOwn(tags, filter.name) && (tags[filter.name] ?? null) === filter.value,
  )
}
