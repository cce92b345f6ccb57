import type { ErrorReply } from '../app/error-handler.js'
import type { SampleStatus, SettingsFreshness, StatusError } from '../status/status.js'
import { notReadyReply } from './not-ready.js'

/** One setting as `GET /config/:key` answers it. */
export interface SettingReply {
  readonly key: string
  readonly value: unknown
  readonly loadedAt: string
  readonly lastRefreshedAt: string
  readonly freshness: SettingsFreshness
  readonly lastRefreshError?: StatusError | undefined
}

/**
 * Thrown by `fastify.appConfiguration.setting(key)` when there is no value to serve: 503 before the settings are
 * loaded, 404 for a key that is not among them. The plugin's error handler answers with {@link reply}.
 */
export class SettingUnavailableError extends Error {
  override readonly name = 'SettingUnavailableError'
  readonly statusCode: 404 | 503
  readonly code: string
  readonly reply: ErrorReply & { readonly error?: StatusError }

  constructor(reply: ErrorReply & { readonly statusCode: 404 | 503; readonly error?: StatusError }) {
    super(reply.message)
    this.statusCode = reply.statusCode
    this.code = reply.code
    this.reply = reply
  }
}

/**
 * One setting from the in-memory snapshot, with when it was loaded and refreshed (no network call).
 *
 * @param status - The current status.
 * @param key - The key, as the client sent it (already percent-decoded by the router).
 * @returns The setting.
 * @throws {@link SettingUnavailableError} — `UAMI_SAMPLE_NOT_READY` (503) or `UAMI_SAMPLE_KEY_NOT_FOUND` (404).
 */
export function settingOf(status: SampleStatus, key: string): SettingReply {
  const settings = status.settings
  if (settings === undefined) {
    throw new SettingUnavailableError({ ...notReadyReply(status, 'Settings are'), statusCode: 503 })
  }
  if (!Object.hasOwn(settings.values, key)) {
    throw new SettingUnavailableError({
      statusCode: 404,
      code: 'UAMI_SAMPLE_KEY_NOT_FOUND',
      message: `The key ${JSON.stringify(key)} is not among the ${Object.keys(settings.values).length} settings loaded from App Configuration (keys are case-sensitive; settings with a label are not loaded).`,
      fix: 'Add it (az appconfig kv set --endpoint <endpoint> --auth-mode login --key <key> --value <value>), then change the sentinel key; or open / to see the loaded keys.',
    })
  }
  return {
    key,
    value: settings.values[key],
    loadedAt: settings.loadedAt,
    lastRefreshedAt: settings.lastRefreshedAt,
    freshness: settings.freshness,
    lastRefreshError: settings.freshness === 'stale' ? settings.lastRefreshError : undefined,
  }
}
