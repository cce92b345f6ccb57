import type { SampleEnv } from '@uami/sample-kit'
import { readSampleEnv } from '@uami/sample-kit'
import { sample } from './sample.js'

/**
 * Validates this sample's environment once: the identity by resource ID (`AZURE_MANAGED_IDENTITY_RESOURCE_ID`), and
 * `APP_CONFIG_ENDPOINT`, `PORT`, `HOST`, `APP_CONFIG_REFRESH_SECONDS`, `APP_CONFIG_SENTINEL_KEY`, `LOG_LEVEL`.
 *
 * @param source - The environment. Default: `process.env`.
 * @returns The validated environment (no secret in it).
 * @throws A coded error naming the variable (`UAMI_SAMPLE_ENV_…`, `UAMI_CRED_…`).
 */
export function readEnv(source: NodeJS.ProcessEnv = process.env): SampleEnv {
  return readSampleEnv(source, sample.identifierKind)
}
