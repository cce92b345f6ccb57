import type { KeyValueRecord } from '../state/model.js'

/** The key-value fields, in the order App Configuration writes them; also the names `$select` accepts. */
export const keyValueFields = [
  'etag',
  'key',
  'label',
  'content_type',
  'value',
  'tags',
  'locked',
  'last_modified',
] as const

/** One key-value field name, as `$select` spells it. */
export type KeyValueField = (typeof keyValueFields)[number]

/**
 * Parses `$select=key,value`: the fields to return, or `undefined` for all of them (parameter absent, empty or
 * `*`). Unknown names are ignored, as the service does.
 */
export function parseSelect(raw: string | undefined): ReadonlySet<KeyValueField> | undefined {
  if (raw === undefined) return undefined
  const names = raw
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean)
  if (names.length === 0 || names.includes('*')) return undefined
  return new Set(keyValueFields.filter((field) => names.includes(field)))
}

/** `2017-12-05T02:41:26.487+00:00`: the service's timestamp form. */
export function wireTimestamp(iso: string): string {
  return new Date(iso).toISOString().replace(/Z$/, '+00:00')
}

/** The wire JSON of a key-value (`label: null` for no label), restricted to `fields` when given. */
export function keyValueToWire(
  record: KeyValueRecord,
  fields?: ReadonlySet<KeyValueField>,
): Record<string, unknown> {
  const all: Record<KeyValueField, unknown> = {
    etag: record.etag,
    key: record.key,
    label: record.label,
    content_type: record.contentType,
    value: record.value,
    tags: record.tags,
    locked: record.locked,
    last_modified: wireTimestamp(record.lastModified),
  }
  if (!fields) return all
  return Object.fromEntries(keyValueFields.filter((f) => fields.has(f)).map((f) => [f, all[f]]))
}

/** Orders key-values as the service lists them: by key, then label (no label first), ordinal comparison. */
export function compareKeyValues(
  a: Pick<KeyValueRecord, 'key' | 'label'>,
  b: Pick<KeyValueRecord, 'key' | 'label'>,
): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1
  return compareNullable(a.label, b.label)
}

/** Ordinal comparison with `null` first. */
export function compareNullable(a: string | null, b: string | null): number {
  if (a === b) return 0
  if (a === null) return -1
  if (b === null) return 1
  return a < b ? -1 : 1
}
