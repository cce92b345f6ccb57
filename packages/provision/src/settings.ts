import type { AppConfigurationClient } from '@azure/app-configuration'
import type { TokenCredential } from '@azure/core-auth'
import { createDataPlaneClient } from './clients.js'
import { statusOf } from './errors/arm-error-mapping.js'
import { DataPlaneForbiddenError } from './errors/data-plane-forbidden-error.js'
import { type RetryOptions, retryWhile } from './retry.js'

/** One setting to write. */
export interface SettingInput {
  key: string
  value: string
  /** Default: no label (what the samples load). */
  label?: string | undefined
  contentType?: string | undefined
}

/** Settings as a `key → value` map (no label) or a list. */
export type SettingsInput = Readonly<Record<string, string>> | readonly SettingInput[]

/** The key the samples watch to refresh their settings (their `APP_CONFIG_SENTINEL_KEY` default). */
export const DEFAULT_SENTINEL_KEY = 'Settings:Sentinel'

/** The store to write to: its data-plane endpoint and who writes. */
export interface DataPlaneTarget {
  /** The store's `endpoint` (from {@link ensureAppConfigurationStore}). */
  endpoint: string
  /** Needs App Configuration Data Owner on the store. */
  credential: TokenCredential
}

/** Options of {@link seedSettings}. */
export interface SeedSettingsOptions {
  /**
   * Key of the sentinel the samples watch to refresh (`refreshOptions.watchedSettings`). It is written after the
   * settings whenever one of them changed (or it is missing), with a value that counts up. Default `Settings:Sentinel` (what the samples watch).
   */
  sentinelKey?: string | undefined
  /** Label of the sentinel. Default: no label. */
  sentinelLabel?: string | undefined
  /**
   * How long to retry 403 (role assignment still propagating), in ms. Default 600000 (10 minutes; Azure documents
   * up to ~15). Also takes `onWait`, so a UI can say it is waiting, and `signal`.
   */
  forbiddenRetry?: RetryOptions | undefined
}

/** What {@link seedSettings} did. */
export interface SeedSettingsResult {
  /** Keys written because they were missing or different. */
  changed: string[]
  /** Keys already holding the value. */
  unchanged: string[]
  /** The sentinel after the call; `changed` when it was written. */
  sentinel: { key: string; value: string; changed: boolean }
}

/**
 * Writes settings into an App Configuration store through the data plane (`AppConfigurationClient`, Microsoft
 * Entra ID auth), then bumps the sentinel key so running samples refresh. Idempotent: settings that already hold
 * the value are not rewritten and the sentinel only moves when something changed. The `az` equivalent is
 * `az appconfig kv set --auth-mode login`.
 *
 * The writer needs App Configuration Data Owner on the store (Owner/Contributor grant no data access):
 * {@link provisionSample} assigns it to the signed-in principal first. While that assignment propagates the store
 * answers 403; this function retries with back-off until `forbiddenRetry.timeoutMs`.
 *
 * @param target - Store endpoint and credential, or an existing `AppConfigurationClient` with its endpoint.
 * @param settings - `{ key: value }` or a list with labels/content types.
 * @param options - Sentinel key, retry window.
 * @returns Which keys changed and the sentinel's value.
 * @throws {@link DataPlaneForbiddenError} when 403 persists past the retry window.
 * @example
 * ```ts
 * await seedSettings({ endpoint: store.endpoint, credential }, { message: 'Hello from App Configuration' })
 * ```
 */
export async function seedSettings(
  target: DataPlaneTarget | { endpoint: string; client: AppConfigurationClient },
  settings: SettingsInput,
  options: SeedSettingsOptions = {},
): Promise<SeedSettingsResult> {
  const client =
    'client' in target ? target.client : createDataPlaneClient(target.endpoint, target.credential)
  const retry = retryForbidden(target.endpoint, options.forbiddenRetry)
  const list: SettingInput[] = Array.isArray(settings)
    ? [...(settings as readonly SettingInput[])]
    : Object.entries(settings as Record<string, string>).map(([key, value]) => ({ key, value }))
  const changed: string[] = []
  const unchanged: string[] = []
  for (const setting of list) {
    const current = await retry('read a setting', () => getOptional(client, setting.key, setting.label))
    if (
      current &&
      current.value === setting.value &&
      (current.contentType ?? undefined) === setting.contentType
    ) {
      unchanged.push(setting.key)
      continue
    }
    await retry('write a setting', () =>
      client.setConfigurationSetting({
        key: setting.key,
        value: setting.value,
        ...(setting.label ? { label: setting.label } : {}),
        ...(setting.contentType ? { contentType: setting.contentType } : {}),
      }),
    )
    changed.push(setting.key)
  }
  const sentinelKey = options.sentinelKey ?? DEFAULT_SENTINEL_KEY
  const current = await retry('read the sentinel', () =>
    getOptional(client, sentinelKey, options.sentinelLabel),
  )
  if (current?.value !== undefined && changed.length === 0) {
    return { changed, unchanged, sentinel: { key: sentinelKey, value: current.value, changed: false } }
  }
  const previous = Number.parseInt(current?.value ?? '0', 10)
  const value = String(Number.isSafeInteger(previous) ? previous + 1 : 1)
  await retry('write the sentinel', () =>
    client.setConfigurationSetting({
      key: sentinelKey,
      value,
      ...(options.sentinelLabel ? { label: options.sentinelLabel } : {}),
    }),
  )
  return { changed, unchanged, sentinel: { key: sentinelKey, value, changed: true } }
}

/**
 * Reads settings back from a store (the verify of the seed step): every key-value with no label, or those whose
 * key starts with `prefix`.
 *
 * @returns `key → value`.
 * @throws {@link DataPlaneForbiddenError} when 403 persists past the retry window (default: no retry).
 * @example
 * ```ts
 * const values = await readSettings({ endpoint: store.endpoint, credential })
 * ```
 */
export async function readSettings(
  target: DataPlaneTarget,
  options: { prefix?: string | undefined; forbiddenRetry?: RetryOptions | undefined } = {},
): Promise<Record<string, string>> {
  const client = createDataPlaneClient(target.endpoint, target.credential)
  const retry = retryForbidden(target.endpoint, { timeoutMs: 0, ...options.forbiddenRetry })
  return retry('read settings', async () => {
    const values: Record<string, string> = {}
    for await (const setting of client.listConfigurationSettings({
      keyFilter: options.prefix ? `${options.prefix}*` : '*',
      labelFilter: '\0',
    })) {
      if (setting.value !== undefined) values[setting.key] = setting.value
    }
    return values
  })
}

async function getOptional(client: AppConfigurationClient, key: string, label: string | undefined) {
  try {
    return await client.getConfigurationSetting({ key, ...(label ? { label } : {}) })
  } catch (error) {
    if (statusOf(error) === 404) return undefined
    throw error
  }
}

function retryForbidden(endpoint: string, options: RetryOptions | undefined) {
  return <T>(operation: string, call: () => Promise<T>): Promise<T> =>
    retryWhile(
      call,
      (error) =>
        statusOf(error) === 403
          ? 'the App Configuration data role to propagate (the store answered 403)'
          : undefined,
      ({ error, waitedMs }) =>
        new DataPlaneForbiddenError({ operation, storeEndpoint: endpoint, waitedMs, cause: error }),
      { ...options, timeoutMs: options?.timeoutMs ?? 600_000 },
    )
}
