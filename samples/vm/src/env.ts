import { isLocalEndpoint, readAppEnv, readIdentityEnv } from '@uami/fastify-app-configuration'

/**
 * The environment, read and validated once at start-up. A VM sets no variable of its own: the systemd unit
 * (deploy/) sets `AZURE_MANAGED_IDENTITY_OBJECT_ID` (the identity's object ID), `APP_CONFIG_ENDPOINT` and
 * `AZURE_TOKEN_CREDENTIALS=ManagedIdentityCredential`; the token comes from IMDS, which every VM has.
 * A missing or malformed value throws a coded error naming the variable; server.ts turns it into one line and exit 1.
 *
 * @param source - The environment. Default: `process.env`. Read, never logged.
 */
export function readEnv(source: NodeJS.ProcessEnv = process.env) {
  // The identity by object ID, from AZURE_MANAGED_IDENTITY_OBJECT_ID: a GUID — the identity's principal ID, the
  // one role assignments name — and no other identifier kind set next to it.
  const identity = readIdentityEnv(source, 'objectId')
  return Object.freeze({
    identity,
    // APP_CONFIG_ENDPOINT, PORT, HOST, APP_CONFIG_REFRESH_SECONDS, APP_CONFIG_SENTINEL_KEY and LOG_LEVEL.
    ...readAppEnv(source),
    // A VM has no marker variable, so the unit sets AZURE_TOKEN_CREDENTIALS=ManagedIdentityCredential: it says
    // "use managed identity here", and would also restrict DefaultAzureCredential to it.
    onVm: source.AZURE_TOKEN_CREDENTIALS?.toLowerCase() === 'managedidentitycredential',
    // Only the local emulator's sign-in endpoint is on loopback (Microsoft Entra ID needs instance discovery).
    localAuthority: isLocalEndpoint(source.AZURE_AUTHORITY_HOST),
  })
}

/** The validated environment (no secret in it). */
export type Env = ReturnType<typeof readEnv>
