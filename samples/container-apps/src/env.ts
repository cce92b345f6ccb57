import { isLocalEndpoint, readAppEnv, readIdentityEnv } from '@uami/fastify-app-configuration'

/**
 * The environment, read and validated once at start-up. On Container Apps you set two environment variables
 * yourself — `AZURE_MANAGED_IDENTITY_RESOURCE_ID` (the identity's resource ID) and `APP_CONFIG_ENDPOINT` — and the
 * platform sets the rest: `CONTAINER_APP_NAME` in every replica, `IDENTITY_ENDPOINT` and `IDENTITY_HEADER` once
 * an identity is attached.
 * A missing or malformed value throws a coded error naming the variable; server.ts turns it into one line and exit 1.
 *
 * @param source - The environment. Default: `process.env`. Read, never logged.
 */
export function readEnv(source: NodeJS.ProcessEnv = process.env) {
  // The identity by resource ID, from AZURE_MANAGED_IDENTITY_RESOURCE_ID: the full ARM ID of a
  // Microsoft.ManagedIdentity/userAssignedIdentities resource (an ID of another type, a truncated ID or pasted
  // quotes are refused), and no other identifier kind set next to it.
  const identity = readIdentityEnv(source, 'resourceId')
  return Object.freeze({
    identity,
    // APP_CONFIG_ENDPOINT, PORT, HOST, APP_CONFIG_REFRESH_SECONDS, APP_CONFIG_SENTINEL_KEY and LOG_LEVEL.
    ...readAppEnv(source),
    // Container Apps sets CONTAINER_APP_NAME in every replica: that is how the code knows where it runs.
    onContainerApps: Boolean(source.CONTAINER_APP_NAME),
    // Only the local emulator's sign-in endpoint is on loopback (Microsoft Entra ID needs instance discovery).
    localAuthority: isLocalEndpoint(source.AZURE_AUTHORITY_HOST),
  })
}

/** The validated environment (no secret in it). */
export type Env = ReturnType<typeof readEnv>
