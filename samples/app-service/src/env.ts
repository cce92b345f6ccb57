import { isLocalEndpoint, readAppEnv, readIdentityEnv } from '@uami/fastify-app-configuration'

/**
 * The environment, read and validated once at start-up. On App Service you set two app settings yourself —
 * `AZURE_CLIENT_ID` (the identity's client ID) and `APP_CONFIG_ENDPOINT` — and the platform sets the rest:
 * `WEBSITE_SITE_NAME` in every app, `IDENTITY_ENDPOINT` and `IDENTITY_HEADER` once an identity is attached.
 * A missing or malformed value throws a coded error naming the variable; server.ts turns it into one line and exit 1.
 *
 * @param source - The environment. Default: `process.env`. Read, never logged.
 */
export function readEnv(source: NodeJS.ProcessEnv = process.env) {
  // The identity by client ID, from AZURE_CLIENT_ID: a GUID (the bad character's position is reported, pasted
  // quotes are refused), and no other identifier kind set next to it.
  const identity = readIdentityEnv(source, 'clientId')
  return Object.freeze({
    identity,
    // APP_CONFIG_ENDPOINT, PORT, HOST, APP_CONFIG_REFRESH_SECONDS, APP_CONFIG_SENTINEL_KEY and LOG_LEVEL.
    ...readAppEnv(source),
    // App Service sets WEBSITE_SITE_NAME in every app: that is how the code knows where it runs.
    onAppService: Boolean(source.WEBSITE_SITE_NAME),
    // Only the local emulator's sign-in endpoint is on loopback (Microsoft Entra ID needs instance discovery).
    localAuthority: isLocalEndpoint(source.AZURE_AUTHORITY_HOST),
  })
}

/** The validated environment (no secret in it). */
export type Env = ReturnType<typeof readEnv>
