import type { HostKind } from '../host/detect-host.js'
import { detectHost, HOST_KINDS } from '../host/detect-host.js'
import { identityFromEnv } from '../identity/from-env.js'
import type { IdentitySelector } from '../identity/selector.js'
import type { AccessTokenClaims } from '../token/describe-access-token.js'
import type { EnvLike } from '../util/env.js'
import { readVar } from '../util/env.js'
import { isLoopbackUrl } from '../util/loopback.js'
import { originOf } from './error-facts.js'

/**
 * What `explainAuthError` may know about the situation, to fill in commands. Every field is optional; unknown
 * values become clearly marked placeholders such as `<resource-group>`. IDs and names are not secrets.
 */
export interface AuthErrorContext {
  /** Where the code runs. Default: {@link detectHost}(env). */
  readonly host?: HostKind | undefined
  /** Where to read host names (`WEBSITE_SITE_NAME`, `WEBSITE_RESOURCE_GROUP`, `CONTAINER_APP_NAME`), the identity variables, and secret values to redact. Default: `process.env`. */
  readonly env?: EnvLike | undefined
  /** The configured identity. Default: {@link identityFromEnv}(env), when valid. */
  readonly selector?: IdentitySelector | undefined
  /** The host's resource group. */
  readonly resourceGroup?: string | undefined
  /** The web app, container app or VM name. */
  readonly hostName?: string | undefined
  /** The identity's resource ID. */
  readonly identityResourceId?: string | undefined
  /** The identity's name (used when its resource ID is unknown). */
  readonly identityName?: string | undefined
  /** The identity's principal (object) ID. */
  readonly principalId?: string | undefined
  /** The App Configuration store's resource ID (the role assignment scope). */
  readonly storeId?: string | undefined
  /** The App Configuration store's name. */
  readonly storeName?: string | undefined
  /** The App Configuration store's endpoint, e.g. `https://mystore.azconfig.io`. */
  readonly storeEndpoint?: string | undefined
  /** Claims of the token that was used, from `describeAccessToken`. */
  readonly claims?: AccessTokenClaims | undefined
  /**
   * What ARM lists for the identity on the store, when the caller can read it (a 403 alone cannot tell): `missing`
   * — no App Configuration data role at the store or above it; `propagating` — one is assigned and not yet in
   * effect. Unknown (the default), the fix says how to tell the two apart.
   */
  readonly roleAssignment?: RoleAssignmentState | undefined
}

/** What ARM lists for a principal that got a 403 (see {@link AuthErrorContext.roleAssignment}). */
export type RoleAssignmentState =
  | { readonly state: 'missing' }
  | {
      readonly state: 'propagating'
      /** The role ARM lists, e.g. `App Configuration Data Reader`. */
      readonly role: string
      /** Where it is assigned. */
      readonly scope: string
      /** Seconds since it was created, when known. */
      readonly ageSeconds?: number | undefined
      /** More about the delay, e.g. the local emulator's configured one. */
      readonly note?: string | undefined
    }

/**
 * The optional variable that names the identity's resource ID for the fix commands of apps that choose their
 * identity by client ID or object ID: the attach command needs the resource ID, and a host cannot look it up
 * without a token. It never selects the identity.
 */
export const IDENTITY_RESOURCE_ID_VARIABLE = 'UAMI_IDENTITY_RESOURCE_ID'

const USER_ASSIGNED_ID =
  /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/microsoft\.managedidentity\/userassignedidentities\/[^/]+$/i

const APP_CONFIG_HOST = /\.(azconfig\.io|appconfig\.azure\.(com|us|cn)|azconfig\.azure\.(us|cn))$/i
const APP_CONFIG_PATH = /^\/(kv|keys|labels|revisions|snapshots|locks)(\/|$)/i

/** The context with defaults filled in from the environment and the token claims. */
export interface Resolved {
  readonly env: EnvLike
  readonly host: HostKind | undefined
  readonly selector: IdentitySelector | undefined
  readonly resourceGroup: string | undefined
  readonly hostName: string | undefined
  readonly identityResourceId: string | undefined
  readonly identityName: string | undefined
  readonly principalId: string | undefined
}

/** The resource group and last name of an ARM resource ID. */
export function fromResourceId(id: string | undefined): { resourceGroup?: string; name?: string } {
  if (id === undefined) return {}
  const segments = id.split('/').filter(Boolean)
  const index = segments.findIndex((segment) => segment.toLowerCase() === 'resourcegroups')
  const resourceGroup = index >= 0 ? segments[index + 1] : undefined
  const name = segments.length >= 8 ? segments[segments.length - 1] : undefined
  return {
    ...(resourceGroup === undefined ? {} : { resourceGroup }),
    ...(name === undefined ? {} : { name }),
  }
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read()
  } catch {
    return undefined
  }
}

/** Fills in what the context leaves out — host, names, identity, principal — from `env` and the token claims. */
export function resolve(context: AuthErrorContext): Resolved {
  const env = typeof context.env === 'object' && context.env !== null ? context.env : process.env
  const host =
    context.host !== undefined && (HOST_KINDS as readonly string[]).includes(context.host)
      ? context.host
      : safely(() => detectHost(env))
  const selector = context.selector ?? safely(() => identityFromEnv(env))
  const compute = fromResourceId(context.claims?.xms_az_rid)
  const envHostName =
    host === 'app-service'
      ? readVar(env, 'WEBSITE_SITE_NAME')
      : host === 'container-apps'
        ? readVar(env, 'CONTAINER_APP_NAME')
        : undefined
  const envResourceGroup = host === 'app-service' ? readVar(env, 'WEBSITE_RESOURCE_GROUP') : undefined
  const named = readVar(env, IDENTITY_RESOURCE_ID_VARIABLE)?.trim()
  const identityResourceId =
    context.identityResourceId ??
    selector?.resourceId ??
    (named !== undefined && USER_ASSIGNED_ID.test(named) ? named : undefined) ??
    (context.claims?.xms_mirid !== undefined && /userassignedidentities/i.test(context.claims.xms_mirid)
      ? context.claims.xms_mirid
      : undefined)
  return {
    env,
    host,
    selector,
    resourceGroup: context.resourceGroup ?? envResourceGroup ?? compute.resourceGroup,
    hostName: context.hostName ?? envHostName ?? compute.name,
    identityResourceId,
    identityName: context.identityName ?? fromResourceId(identityResourceId).name,
    principalId: context.principalId ?? selector?.objectId ?? context.claims?.oid,
  }
}

/** The App Configuration store name, from the context or an `*.azconfig.io` endpoint. */
export function storeNameFrom(context: AuthErrorContext, url: string | undefined): string | undefined {
  if (context.storeName !== undefined) return context.storeName
  if (context.storeId !== undefined) return fromResourceId(context.storeId).name
  for (const candidate of [context.storeEndpoint, url]) {
    const origin = originOf(candidate)
    if (origin === undefined) continue
    const hostname = new URL(origin).hostname
    if (APP_CONFIG_HOST.test(hostname)) return hostname.split('.')[0]
  }
  return undefined
}

/** Whether a failed request went to App Configuration (by context, host name or `/kv`-style path). */
export function isAppConfiguration(context: AuthErrorContext, url: string | undefined): boolean {
  if (context.storeId !== undefined || context.storeName !== undefined || context.storeEndpoint !== undefined)
    return true
  if (url === undefined) return false
  try {
    const parsed = new URL(url)
    return APP_CONFIG_HOST.test(parsed.hostname) || APP_CONFIG_PATH.test(parsed.pathname)
  } catch {
    return false
  }
}

/**
 * The store's endpoint as messages show it: as it is in Azure; on a loopback address (the local emulator) both,
 * labelled — `https://<store>.azconfig.io, locally https://127.0.0.1:…` — so that a reader who copies the name
 * into Azure gets Azure's.
 */
export function endpointLabel(origin: string | undefined, storeName: string | undefined): string | undefined {
  if (origin === undefined) return undefined
  if (!isLoopbackUrl(origin)) return origin
  return storeName === undefined
    ? `${origin}, a loopback address: the local emulator`
    : `https://${storeName}.azconfig.io in Azure; locally ${origin}, the emulator`
}
