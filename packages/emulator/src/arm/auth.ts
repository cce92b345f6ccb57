import type { EmulatorContext } from '../context.js'
import { checkAccess } from '../rbac/evaluate.js'
import { TokenRejectedError, type VerifiedToken } from '../tokens/token-service.js'
import { ArmError } from './errors.js'

/**
 * Audiences ARM accepts. `@azure/arm-resources` asks for `https://management.azure.com/.default`, clients derived
 * from the endpoint (`@azure/arm-msi`) for `<armEndpoint>/.default`, and the Azure CLI for
 * `https://management.core.windows.net/` (PROTOCOLS.md).
 */
export function armAudiences(ctx: EmulatorContext): string[] {
  return ['https://management.azure.com', 'https://management.core.windows.net', ctx.urls.arm]
}

/** 401 with ARM's `WWW-Authenticate` challenge (no `claims`, so the SDKs do not start a CAE round trip). */
function unauthenticated(ctx: EmulatorContext, code: string, message: string, description: string): ArmError {
  const authorizationUri = `${ctx.urls.arm}/${ctx.state.data.tenantId}`
  return new ArmError(401, code, message, {
    'www-authenticate': `Bearer authorization_uri="${authorizationUri}", error="invalid_token", error_description="${description}"`,
  })
}

/**
 * Validates the bearer token of an ARM request (signature, issuer of the emulator's tenant, an ARM audience,
 * lifetime). Throws a 401 {@link ArmError} shaped like ARM's. Never echoes the token.
 */
export async function authenticate(
  ctx: EmulatorContext,
  authorization: string | undefined,
): Promise<VerifiedToken> {
  if (!authorization) {
    throw unauthenticated(
      ctx,
      'AuthenticationFailed',
      "Authentication failed. The 'Authorization' header is missing. Send 'Authorization: Bearer <token>' with a token from the emulator's authority.",
      "The authentication failed because of missing 'Authorization' header.",
    )
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization)
  if (!match?.[1]) {
    throw unauthenticated(
      ctx,
      'AuthenticationFailed',
      "Authentication failed. The 'Authorization' header is provided in an invalid format; expected 'Bearer <token>'.",
      "The 'Authorization' header is provided in an invalid format.",
    )
  }
  const tenantId = ctx.state.data.tenantId
  try {
    return await ctx.tokens.verify(match[1], { tenantId, audiences: armAudiences(ctx) })
  } catch (error) {
    if (!(error instanceof TokenRejectedError)) throw error
    switch (error.reason) {
      case 'expired':
        throw unauthenticated(
          ctx,
          'ExpiredAuthenticationToken',
          'The access token has expired. Get a new token and retry.',
          'The access token has expired.',
        )
      case 'audience':
        throw unauthenticated(
          ctx,
          'InvalidAuthenticationTokenAudience',
          `The access token has been obtained for wrong audience or resource. It should exactly match with one of the allowed audiences ${armAudiences(
            ctx,
          )
            .map((a) => `'${a}/'`)
            .join(', ')}.`,
          'The access token has been obtained for wrong audience or resource.',
        )
      case 'issuer':
        throw unauthenticated(
          ctx,
          'InvalidAuthenticationTokenTenant',
          `The access token is from the wrong issuer. It must match the tenant 'https://sts.windows.net/${tenantId}/' associated with this subscription. Please use the authority (URL) '${ctx.urls.arm}/${tenantId}' to get the token.`,
          'The access token is from the wrong issuer.',
        )
      default:
        throw unauthenticated(
          ctx,
          'InvalidAuthenticationToken',
          `The access token is invalid (${error.message.replace(/\.$/, '')}).`,
          'The access token is invalid.',
        )
    }
  }
}

/** What the caller wants to do, for {@link authorize}. */
export interface ArmAction {
  /** A control-plane action such as `Microsoft.ManagedIdentity/userAssignedIdentities/write`. */
  action: string
  /** The resource ID (or scope) the action applies to. */
  scope: string
}

/** True when the caller's role assignments allow `action` over `scope` (propagation delay applied). */
export function isAllowed(
  ctx: EmulatorContext,
  caller: VerifiedToken,
  { action, scope }: ArmAction,
): boolean {
  const decision = checkAccess(
    Object.values(ctx.state.data.roleAssignments),
    { principalId: caller.oid, resourceId: scope, action, dataAction: false },
    { now: Date.now(), propagationDelayMs: ctx.settings.propagationDelayMs },
  )
  return decision.allowed
}

/** Throws ARM's 403 `AuthorizationFailed` unless the caller may perform the action. */
export function authorize(ctx: EmulatorContext, caller: VerifiedToken, wanted: ArmAction): void {
  if (isAllowed(ctx, caller, wanted)) return
  throw new ArmError(
    403,
    'AuthorizationFailed',
    `The client '${caller.oid}' with object id '${caller.oid}' does not have authorization to perform action '${wanted.action}' over scope '${wanted.scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  )
}

/**
 * Throws ARM's 403 `LinkedAuthorizationFailed` unless the caller may perform `action` on every linked resource
 * (e.g. `Microsoft.ManagedIdentity/userAssignedIdentities/assign/action` when attaching identities to a host).
 */
export function authorizeLinked(
  ctx: EmulatorContext,
  caller: VerifiedToken,
  primary: ArmAction,
  action: string,
  linkedScopes: readonly string[],
): void {
  const denied = linkedScopes.filter((scope) => !isAllowed(ctx, caller, { action, scope }))
  if (denied.length === 0) return
  throw new ArmError(
    403,
    'LinkedAuthorizationFailed',
    `The client '${caller.oid}' with object id '${caller.oid}' has permission to perform action '${primary.action}' on scope '${primary.scope}'; however, it does not have permission to perform action(s) '${action}' on the linked scope(s) '${denied.join(', ')}' (respectively) or the linked scope(s) are invalid.`,
  )
}
