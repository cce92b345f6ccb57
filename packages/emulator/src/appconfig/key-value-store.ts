import { randomUUID } from 'node:crypto'
import { type EmulatorStateData, type KeyValueRecord, kvKey } from '../state/model.js'
import type { StoreBinding } from './binding.js'
import { evaluateWrite, type Preconditions } from './conditions.js'

/** What a PUT may set on a key-value. */
export interface KeyValueInput {
  value: string | null
  contentType: string | null
  tags: Record<string, string | null>
}

/** The result of a write: the HTTP status to answer and the key-value to return, if any. */
export type WriteOutcome =
  | { status: 200; record: KeyValueRecord }
  | { status: 204 }
  | { status: 404 }
  | { status: 409; record: KeyValueRecord }
  | { status: 412 }
  /** The store was deleted while the request was in flight. */
  | { status: 'gone' }

/** Every key-value of the store (unsorted). */
export function listKeyValues(binding: StoreBinding): KeyValueRecord[] {
  return Object.values(binding.ctx.state.data.keyValues[binding.key] ?? {})
}

/** One key-value by key and label (`null` = no label). */
export function findKeyValue(
  binding: StoreBinding,
  key: string,
  label: string | null,
): KeyValueRecord | undefined {
  return binding.ctx.state.data.keyValues[binding.key]?.[kvKey(key, label)]
}

/**
 * Creates or replaces a key-value. A locked key-value answers 409; a failed `If-Match`/`If-None-Match` 412. Writing
 * exactly what is stored (value, content type, tags) changes nothing — same etag, no new sequence number — as the
 * service does; any other write gets a new etag and `last_modified` and advances `state.sequence`.
 */
export function putKeyValue(
  binding: StoreBinding,
  key: string,
  label: string | null,
  input: KeyValueInput,
  pre: Preconditions,
): Promise<WriteOutcome> {
  return transact(binding, (keyValues, draft) => {
    const existing = keyValues[kvKey(key, label)]
    if (evaluateWrite(pre, existing?.etag) === 412) return abort({ status: 412 })
    if (existing?.locked) return abort({ status: 409, record: existing })
    if (existing && equivalent(existing, input)) return abort({ status: 200, record: existing })
    const record: KeyValueRecord = {
      key,
      label,
      value: input.value,
      contentType: input.contentType,
      tags: input.tags,
      locked: false,
      etag: newEtag(),
      lastModified: new Date().toISOString(),
    }
    keyValues[kvKey(key, label)] = record
    draft.sequence += 1
    return { status: 200, record }
  })
}

/** Deletes a key-value: 200 with what was deleted, 204 when there was nothing, 409 when locked, 412 on a failed condition. */
export function deleteKeyValue(
  binding: StoreBinding,
  key: string,
  label: string | null,
  pre: Preconditions,
): Promise<WriteOutcome> {
  return transact(binding, (keyValues, draft) => {
    const existing = keyValues[kvKey(key, label)]
    if (evaluateWrite(pre, existing?.etag) === 412) return abort({ status: 412 })
    if (!existing) return abort({ status: 204 })
    if (existing.locked) return abort({ status: 409, record: existing })
    delete keyValues[kvKey(key, label)]
    draft.sequence += 1
    return { status: 200, record: existing }
  })
}

/** Locks (read-only) or unlocks a key-value: 404 when it does not exist, 412 on a failed condition. */
export function setLocked(
  binding: StoreBinding,
  key: string,
  label: string | null,
  locked: boolean,
  pre: Preconditions,
): Promise<WriteOutcome> {
  return transact(binding, (keyValues, draft) => {
    const existing = keyValues[kvKey(key, label)]
    if (evaluateWrite(pre, existing?.etag) === 412) return abort({ status: 412 })
    if (!existing) return abort({ status: 404 })
    if (existing.locked === locked) return abort({ status: 200, record: existing })
    const record: KeyValueRecord = {
      ...existing,
      locked,
      etag: newEtag(),
      lastModified: new Date().toISOString(),
    }
    keyValues[kvKey(key, label)] = record
    draft.sequence += 1
    return { status: 200, record }
  })
}

/** Carries an outcome that needs no write out of `state.update` (a throwing mutation persists nothing). */
class Abort {
  constructor(readonly outcome: WriteOutcome) {}
}

function abort(outcome: WriteOutcome): never {
  throw new Abort(outcome)
}

/**
 * Runs a read-check-write on the store's key-values inside one serialised state update, so concurrent writers
 * see each other's results (etag conditions hold under concurrency).
 */
async function transact(
  binding: StoreBinding,
  mutate: (keyValues: Record<string, KeyValueRecord>, draft: EmulatorStateData) => WriteOutcome,
): Promise<WriteOutcome> {
  try {
    return await binding.ctx.state.update((draft) => {
      if (!Object.hasOwn(draft.stores, binding.key)) return abort({ status: 'gone' })
      draft.keyValues[binding.key] ??= {}
      return mutate(draft.keyValues[binding.key] as Record<string, KeyValueRecord>, draft)
    })
  } catch (error) {
    if (error instanceof Abort) return error.outcome
    throw error
  }
}

function equivalent(record: KeyValueRecord, input: KeyValueInput): boolean {
  return (
    record.value === input.value &&
    record.contentType === input.contentType &&
    JSON.stringify(sortedEntries(record.tags)) === JSON.stringify(sortedEntries(input.tags))
  )
}

function sortedEntries(tags: Record<string, string | null>): Array<[string, string | null]> {
  return Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

/** A fresh etag: 32 hex characters, like the service's. */
function newEtag(): string {
  return randomUUID().replaceAll('-', '')
}
