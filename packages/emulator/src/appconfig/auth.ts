import type { FastifyReply, FastifyRequest } from 'fastify'
import { decodeJwt } from 'jose'
import { checkAccess } from '../rbac/evaluate.js'
import { TokenRejectedError, type TokenRejection, type VerifiedToken } from '../tokens/token-service.js'
import { type StoreBinding, storeOrigin } from './binding.js'
import { sendAuthError } from './problems.js'

/** The data actions App Configuration checks (Azure RBAC `dataActions`). */
export const dataActions = {
  read: 'Microsoft.AppConfiguration/configurationStores/keyValues/read',
  write: 'Microsoft.AppConfiguration/configurationStores/keyValues/write',
  delete: 'Microsoft.AppConfiguration/configurationStores/keyValues/delete',
  snapshotRead: 'Microsoft.AppConfiguration/configurationStores/snapshots/read',
} as const

/** One of {@link dataActions}: what a route needs the caller to be allowed to do. */
export type DataAction = (typeof dataActions)[keyof typeof dataActions]

/** `WWW-Authenticate` without credentials: the service offers access keys (HMAC) and Entra ID (Bearer). */
const CHALLENGE = 'HMAC-SHA256, Bearer'

/**
 * Audiences a token for this store may carry: the public-cloud audiences the SDKs request
 * (`https://appconfig.azure.com` since @azure/app-configuration 1.9, `https://azconfig.io` in the official
 * emulator), the store's own origin (older SDKs ask for `${endpoint}/.default`, PROTOCOLS.md §5) and the store's
 * `{name}.azconfig.io` host.
 */
export function acceptedAudiences(binding: StoreBinding): string[] {
  return [
    'https://appconfig.azure.com',
    'https://azconfig.io',
    storeOrigin(binding),
    `https://localhost:${binding.port}`,
    `https://${binding.name.toLowerCase()}.azconfig.io`,
  ]
}

/**
 * Validates the request's bearer token. Answers 401 (with `WWW-Authenticate` as App Configuration sends it, never
 * a `claims=` challenge, which would make the SDK re-request tokens) and returns `undefined` when it is missing or
 * invalid. Never logs or echoes the token.
 */
export async function authenticate(
  binding: StoreBinding,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<VerifiedToken | undefined> {
  const header = request.headers.authorization
  if (!header) {
    reply.header('www-authenticate', CHALLENGE)
    sendAuthError(
      reply,
      401,
      'Unauthorized',
      'The request has no Authorization header. App Configuration in the uami emulator accepts Microsoft Entra ID bearer tokens: create the client with a TokenCredential (e.g. new AppConfigurationClient(endpoint, credential)).',
    )
    return undefined
  }
  const [scheme = '', ...rest] = header.trim().split(/\s+/)
  if (scheme.toUpperCase() === 'HMAC-SHA256') {
    reply.header(
      'www-authenticate',
      'HMAC-SHA256 error="invalid_token", error_description="Access keys are not emulated", Bearer',
    )
    sendAuthError(
      reply,
      401,
      'InvalidAccessKey',
      'Access keys (connection strings, HMAC-SHA256) are not emulated by uami: the emulator teaches Microsoft Entra ID authentication. Create the client with a TokenCredential instead of a connection string.',
    )
    return undefined
  }
  const token = rest.join(' ')
  if (scheme.toLowerCase() !== 'bearer' || token === '') {
    return rejectToken(
      reply,
      'InvalidAuthenticationToken',
      'The Authorization header is not "Bearer <token>".',
    )
  }
  try {
    return await binding.ctx.tokens.verify(token, {
      tenantId: binding.ctx.state.data.tenantId,
      audiences: acceptedAudiences(binding),
    })
  } catch (error) {
    if (!(error instanceof TokenRejectedError)) throw error
    const { code, message } = rejectionMessage(error.reason, token, binding)
    return rejectToken(reply, code, message)
  }
}

function rejectToken(reply: FastifyReply, code: string, message: string): undefined {
  const description = message.replace(/["\\\r\n]/g, "'")
  reply.header('www-authenticate', `${CHALLENGE} error="invalid_token", error_description="${description}"`)
  sendAuthError(reply, 401, code, message)
  return undefined
}

/** What to tell the caller about a rejected token: what failed and what to do (never the token itself). */
function rejectionMessage(
  reason: TokenRejection,
  token: string,
  binding: StoreBinding,
): { code: string; message: string } {
  switch (reason) {
    case 'expired':
      return {
        code: 'ExpiredAuthenticationToken',
        message:
          'The access token has expired. Request a new token (credentials refresh them automatically).',
      }
    case 'not-yet-valid':
      return {
        code: 'InvalidAuthenticationToken',
        message:
          'The access token is not valid yet (its nbf is in the future). Check the clock of the caller.',
      }
    case 'audience':
      return {
        code: 'InvalidAuthenticationToken',
        message: `The access token was issued for audience '${audienceOf(token)}', not for App Configuration. Request a token for the scope https://appconfig.azure.com/.default (accepted audiences: ${acceptedAudiences(binding).join(', ')}).`,
      }
    case 'issuer':
      return {
        code: 'InvalidAuthenticationTokenTenant',
        message: `The access token is from the wrong issuer. It must match the AD tenant associated with the subscription, to which the configuration store belongs (tenant ${binding.ctx.state.data.tenantId}, issuer https://sts.windows.net/${binding.ctx.state.data.tenantId}/).`,
      }
    case 'signature':
      return {
        code: 'InvalidAuthenticationToken',
        message:
          "The access token's signature is invalid: it was not issued by this emulator's token service. Get tokens from the emulator's authority host or identity endpoint.",
      }
    case 'algorithm':
      return {
        code: 'InvalidAuthenticationToken',
        message: 'The access token is not signed with RS256 (unsigned "alg: none" tokens are refused).',
      }
    case 'claims':
      return {
        code: 'InvalidAuthenticationToken',
        message: 'The access token has no oid or tid claim, so the caller cannot be identified.',
      }
    default:
      return { code: 'InvalidAuthenticationToken', message: 'The access token is not a well-formed JWT.' }
  }
}

/** The `aud` of a token that already failed validation (not secret), for the error message. */
function audienceOf(token: string): string {
  try {
    const { aud } = decodeJwt(token)
    return Array.isArray(aud) ? aud.join(' ') : String(aud ?? '(none)')
  } catch {
    return '(unreadable)'
  }
}

/**
 * Azure RBAC for a data action on the store: a role assignment of the caller at the store, its resource group or
 * its subscription whose role grants the action (App Configuration Data Reader / Data Owner; control-plane roles
 * such as Owner grant no data actions). Answers 403 and returns `false` otherwise.
 *
 * An assignment that exists but is younger than `settings.propagationDelayMs` gets exactly the same 403 as no
 * assignment at all: Azure cannot tell a caller that an assignment is still propagating either, and clients must
 * handle both the same way (wait and retry after a fresh token).
 */
export function authorize(
  binding: StoreBinding,
  token: VerifiedToken,
  action: DataAction,
  request: FastifyRequest,
  reply: FastifyReply,
): boolean {
  const decision = checkAccess(
    Object.values(binding.ctx.state.data.roleAssignments),
    { principalId: token.oid, resourceId: binding.id, action, dataAction: true },
    { now: Date.now(), propagationDelayMs: binding.ctx.settings.propagationDelayMs },
  )
  if (decision.allowed) return true
  request.log.info({ reason: decision.reason, action }, 'App Configuration data action denied')
  const role = action === dataActions.read || action === dataActions.snapshotRead ? 'Reader' : 'Owner'
  sendAuthError(
    reply,
    403,
    'AuthorizationFailed',
    `The received access token does not have authorization to perform action '${action}' over the requested scope '${binding.id}' or the scope is invalid. If access was recently granted, please refresh your credentials. (uami emulator: principal '${token.oid}' needs the App Configuration Data ${role} role on this store, its resource group or its subscription — control-plane roles such as Owner or Contributor grant no data access. Assign it with: az role assignment create --assignee-object-id ${token.oid} --assignee-principal-type ServicePrincipal --role "App Configuration Data ${role}" --scope ${binding.id}. New role assignments can take a while to take effect.)`,
  )
  return false
}
