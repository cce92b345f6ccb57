import type { IdentityKind } from '@uami/credential'

/**
 * A well-formed identifier of each kind, shaped like Azure's, for tests that validate an environment without
 * asking for a token. They name no real identity.
 *
 * @example
 * ```ts
 * readEnv({ AZURE_CLIENT_ID: EXAMPLE_IDENTIFIERS.clientId, APP_CONFIG_ENDPOINT: 'https://appcs-uami.azconfig.io' })
 * ```
 */
export const EXAMPLE_IDENTIFIERS: Readonly<Record<IdentityKind, string>> = {
  clientId: '7d1f3f2e-8c4b-4f7a-9a51-2b8e6c0d4f11',
  resourceId:
    '/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/resourceGroups/rg-uami/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-uami',
  objectId: '3c9a6b1e-5d2f-4e8a-b7c4-9f0e1d2a3b4c',
}
