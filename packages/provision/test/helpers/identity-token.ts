import type { AccessToken, TokenCredential } from '@azure/core-auth'

/** Which identity to ask for, by one of its identifiers. */
export type IdentitySelector = { clientId: string } | { resourceId: string } | { objectId: string }

/**
 * A TokenCredential that gets a managed identity's token from an emulated host's identity endpoint, speaking the
 * protocol the host's environment selects — App Service/Container Apps (`IDENTITY_ENDPOINT` + `IDENTITY_HEADER`,
 * api-version 2019-08-01) or IMDS (`AZURE_POD_IDENTITY_AUTHORITY_HOST`, `Metadata: true`, api-version 2018-02-01) —
 * as the SDK's ManagedIdentityCredential would, without MSAL's per-process managed-identity state, so one test
 * worker can act as several hosts. Tokens are never printed.
 */
export function hostIdentityCredential(
  hostEnv: Record<string, string>,
  selector: IdentitySelector,
): TokenCredential {
  return {
    async getToken(scopes: string | string[]): Promise<AccessToken> {
      const scope = Array.isArray(scopes) ? (scopes[0] ?? '') : scopes
      const resource = scope.replace(/\/\.default$/, '')
      let url: URL
      let headers: Record<string, string>
      if (hostEnv.IDENTITY_ENDPOINT) {
        url = new URL(hostEnv.IDENTITY_ENDPOINT)
        url.searchParams.set('api-version', '2019-08-01')
        headers = { 'X-IDENTITY-HEADER': hostEnv.IDENTITY_HEADER ?? '' }
      } else {
        url = new URL(
          `${(hostEnv.AZURE_POD_IDENTITY_AUTHORITY_HOST ?? '').toLowerCase()}/metadata/identity/oauth2/token/`,
        )
        url.searchParams.set('api-version', '2018-02-01')
        headers = { Metadata: 'true' }
      }
      url.searchParams.set('resource', resource)
      if ('clientId' in selector) url.searchParams.set('client_id', selector.clientId)
      else if ('objectId' in selector) url.searchParams.set('object_id', selector.objectId)
      else url.searchParams.set(hostEnv.IDENTITY_ENDPOINT ? 'mi_res_id' : 'msi_res_id', selector.resourceId)
      const response = await fetch(url, { headers })
      const body = (await response.json()) as {
        access_token?: string
        expires_on?: string
        error?: string
        error_description?: string
      }
      if (!response.ok || !body.access_token) {
        throw new Error(
          `identity endpoint answered ${response.status}: ${body.error_description ?? body.error ?? ''}`,
        )
      }
      return { token: body.access_token, expiresOnTimestamp: Number(body.expires_on) * 1000 }
    },
  }
}
