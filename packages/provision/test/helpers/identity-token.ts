import type { AccessToken, TokenCredential } from '@azure/core-auth'

/**
 * A TokenCredential that gets a managed identity's token from an emulated App Service host's identity endpoint
 * (the App Service protocol, api-version 2019-08-01), as the SDK's ManagedIdentityCredential would — without the
 * per-process static state of MSAL's managed-identity source, so one test worker can act as an identity.
 */
export function hostIdentityCredential(hostEnv: Record<string, string>, clientId: string): TokenCredential {
  return {
    async getToken(scopes: string | string[]): Promise<AccessToken> {
      const scope = Array.isArray(scopes) ? (scopes[0] ?? '') : scopes
      const url = new URL(hostEnv.IDENTITY_ENDPOINT ?? '')
      url.searchParams.set('api-version', '2019-08-01')
      url.searchParams.set('resource', scope.replace(/\/\.default$/, ''))
      url.searchParams.set('client_id', clientId)
      const response = await fetch(url, { headers: { 'X-IDENTITY-HEADER': hostEnv.IDENTITY_HEADER ?? '' } })
      if (!response.ok) throw new Error(`identity endpoint answered ${response.status}`)
      const body = (await response.json()) as { access_token: string; expires_on: string }
      return { token: body.access_token, expiresOnTimestamp: Number(body.expires_on) * 1000 }
    },
  }
}
