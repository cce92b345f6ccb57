import type { EmulatorContext } from '../context.js'
import { normalizeId, parseResourceId } from '../resource-id.js'
import { DEFAULT_PAGE_SIZE } from './paging.js'

/** What a store's data-plane listener serves: the shared emulator context and the store it belongs to. */
export interface StoreBinding {
  ctx: Omit<EmulatorContext, 'stores'>
  /** The store's resource ID, casing as given to `start` (the RBAC scope of every request). */
  id: string
  /** {@link normalizeId} of {@link id}: the key of the store's records in the state. */
  key: string
  /** The store's name (last segment of its ID), for the `https://{name}.azconfig.io` audience. */
  name: string
  /** The port the listener is bound to (0 until it listens). */
  port: number
}

/** A binding for a store resource ID. */
export function bindStore(ctx: Omit<EmulatorContext, 'stores'>, id: string): StoreBinding {
  const parsed = parseResourceId(id)
  const name = parsed?.names.at(-1) ?? id.split('/').filter(Boolean).at(-1) ?? id
  return { ctx, id, key: normalizeId(id), name, port: 0 }
}

/** The listener's origin, `https://127.0.0.1:{port}`: the store's data-plane endpoint. */
export function storeOrigin(binding: StoreBinding): string {
  return `https://127.0.0.1:${binding.port}`
}

/** Whether the store still exists in the emulator state (it stops being served once deleted). */
export function storeExists(binding: StoreBinding): boolean {
  return Object.hasOwn(binding.ctx.state.data.stores, binding.key)
}

/** Items per list page: `settings.appConfigPageSize` when set (tests use a small one), else 100. */
export function pageSize(binding: StoreBinding): number {
  const configured = binding.ctx.settings.appConfigPageSize
  return configured !== undefined && configured >= 1 ? configured : DEFAULT_PAGE_SIZE
}
