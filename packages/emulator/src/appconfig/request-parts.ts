import { NULL_STRING } from './filters.js'
import type { KeyValueInput } from './key-value-store.js'
import { invalidArgument, ProblemError } from './problems.js'

/** App Configuration's limit on one key-value: key, label, value, content type and tags together (10 KB). */
export const MAX_KEY_VALUE_BYTES = 10 * 1024

/**
 * Query parameters of a raw request URL, looked up case-insensitively (the SDK lower-cases names, older clients
 * send `After` and `%24Select`). Values are decoded like ASP.NET does (`+` is a space).
 */
export class QueryParams {
  readonly #values = new Map<string, string[]>()

  constructor(rawUrl: string) {
    const index = rawUrl.indexOf('?')
    if (index === -1) return
    for (const [name, value] of new URLSearchParams(rawUrl.slice(index + 1))) {
      const key = name.toLowerCase()
      const list = this.#values.get(key) ?? []
      list.push(value)
      this.#values.set(key, list)
    }
  }

  /** The first value of a parameter, or `undefined` when absent. */
  first(name: string): string | undefined {
    return this.#values.get(name.toLowerCase())?.[0]
  }

  /** Every value of a repeated parameter (`tags=a=1&tags=b=2`). */
  all(name: string): string[] {
    return this.#values.get(name.toLowerCase()) ?? []
  }

  /** Whether the parameter is present (even with an empty value). */
  has(name: string): boolean {
    return this.#values.has(name.toLowerCase())
  }
}

/**
 * The resource name after `/{collection}/` in a raw URL, percent-decoded (the SDK encodes `/` in keys as `%2F`).
 * Throws 400 `invalid-argument` for malformed percent-encoding.
 */
export function nameFromPath(rawUrl: string, collection: string): string {
  const path = rawUrl.split('?')[0] ?? ''
  const prefix = `/${collection}/`
  const raw = path.toLowerCase().startsWith(prefix) ? path.slice(prefix.length) : ''
  try {
    return decodeURIComponent(raw)
  } catch {
    throw invalidArgument('key', `key: '${raw}' is not valid percent-encoding.`)
  }
}

/** The `label` of a single key-value operation: absent, empty or `%00` mean no label (`null`). */
export function labelParam(query: QueryParams): string | null {
  const label = query.first('label')
  if (label === undefined || label === '' || label === NULL_STRING) return null
  if (hasControlCharacter(label)) throw invalidArgument('label', 'label: control characters are not allowed.')
  return label
}

/**
 * Validates a key for a write. App Configuration keys may hold any Unicode character except `%`, and cannot be
 * `.` or `..` (concept-key-value.md); control characters are refused as the service's `Literal` validation does.
 */
export function validateKey(key: string): void {
  if (key === '') throw invalidArgument('key', 'key: a key is required.')
  if (key === '.' || key === '..') throw invalidArgument('key', `key: '${key}' is not allowed as a key.`)
  const percent = key.indexOf('%')
  if (percent !== -1) {
    throw invalidArgument('key', `key(${percent}): '%' is not allowed in keys.`, percent)
  }
  if (hasControlCharacter(key)) throw invalidArgument('key', 'key: control characters are not allowed.')
}

/**
 * Reads a PUT body (`{"value", "content_type", "tags"}`; other fields such as `key`, `label` or `etag`, which older
 * SDKs send, are ignored). Throws 400 `invalid-argument` naming the bad field.
 */
export function parseKeyValueBody(body: unknown): KeyValueInput {
  if (typeof body !== 'string' || body.trim() === '') {
    throw invalidArgument('body', 'A JSON body with the key-value (value, content_type, tags) is required.')
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    throw invalidArgument('body', 'The body is not valid JSON.')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidArgument('body', 'The body must be a JSON object.')
  }
  const fields = parsed as Record<string, unknown>
  const value = optionalString(fields, 'value')
  const contentType = optionalString(fields, 'content_type')
  if (contentType !== null && hasControlCharacter(contentType)) {
    throw invalidArgument('content_type', 'content_type: control characters are not allowed.')
  }
  return { value, contentType, tags: parseTags(fields.tags) }
}

/** Refuses a key-value larger than {@link MAX_KEY_VALUE_BYTES} with 413. */
export function checkSize(key: string, label: string | null, input: KeyValueInput): void {
  const parts = [key, label ?? '', input.value ?? '', input.contentType ?? '']
  for (const [name, value] of Object.entries(input.tags)) parts.push(name, value ?? '')
  const size = parts.reduce((total, part) => total + Buffer.byteLength(part, 'utf8'), 0)
  if (size > MAX_KEY_VALUE_BYTES) {
    throw new ProblemError({
      type: 'about:blank',
      title: 'Payload Too Large',
      detail: `The key-value is ${size} bytes; App Configuration allows ${MAX_KEY_VALUE_BYTES} bytes per key-value (key, label, value, content type and tags together). Split the value across several keys.`,
      status: 413,
    })
  }
}

function optionalString(fields: Record<string, unknown>, name: string): string | null {
  const value = fields[name]
  if (value === undefined || value === null) return null
  if (typeof value !== 'string') throw invalidArgument(name, `${name}: expected a string or null.`)
  return value
}

function parseTags(tags: unknown): Record<string, string | null> {
  if (tags === undefined || tags === null) return {}
  if (typeof tags !== 'object' || Array.isArray(tags)) {
    throw invalidArgument('tags', 'tags: expected an object of tag names to string (or null) values.')
  }
  const result: Record<string, string | null> = {}
  for (const [name, value] of Object.entries(tags as Record<string, unknown>)) {
    if (name.trim() === '' || hasControlCharacter(name)) {
      throw invalidArgument('tags', `tags: '${name}' is not a valid tag name.`)
    }
    if (value !== null && typeof value !== 'string') {
      throw invalidArgument('tags', `tags: the value of '${name}' must be a string or null.`)
    }
    if (value !== null && hasControlCharacter(value)) {
      throw invalidArgument('tags', `tags: the value of '${name}' contains control characters.`)
    }
    result[name] = value
  }
  return result
}

function hasControlCharacter(value: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: detecting control characters is the point.
  return /[\u0000-\u001f\u007f-\u009f]/.test(value)
}
