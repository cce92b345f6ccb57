import type { AccessToken, TokenCredential } from '@azure/core-auth'
import type { AccessTokenClaims, IdentitySelector } from '@uami/credential'
import type { HostDetection, ManagedIdentitySourceReport } from '@uami/credential/diagnostics'
import type { DoctorFacts } from './facts.js'

/** Options of `runDoctor`. */
export interface DoctorOptions {
  /**
   * The environment to diagnose. Default `process.env`. The Azure SDK reads `process.env` itself, so pass another
   * object only for the checks that do not get a token.
   */
  env?: Readonly<Record<string, string | undefined>> | undefined
  /** The host's resource group (default: `WEBSITE_RESOURCE_GROUP`, or the token's `xms_az_rid`). */
  resourceGroup?: string | undefined
  /** The web app, container app or VM name (default: `WEBSITE_SITE_NAME` / `CONTAINER_APP_NAME`). */
  hostName?: string | undefined
  /** The App Configuration store's resource ID, for the role assignment command. */
  storeId?: string | undefined
  /** The key read to prove access. Default: `APP_CONFIG_SENTINEL_KEY`, else `Settings:Sentinel` (the samples' sentinel). */
  sentinelKey?: string | undefined
  /** What ARM knows (from the tour or `--facts`). */
  facts?: DoctorFacts | undefined
  /** Give up on the token and the read after this long. Default 30000. */
  timeoutMs?: number | undefined
}

/** What the checks learn as they go; later checks build on earlier ones. */
export interface DoctorState {
  options: DoctorOptions
  env: Readonly<Record<string, string | undefined>>
  detection?: HostDetection
  source?: ManagedIdentitySourceReport
  selector?: IdentitySelector
  credential?: TokenCredential
  credentialKind?: 'ManagedIdentityCredential' | 'DefaultAzureCredential'
  token?: AccessToken
  claims?: AccessTokenClaims
}
