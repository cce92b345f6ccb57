import type { TokenCredential } from '@azure/core-auth'
import { SignedInPrincipalError } from './errors/signed-in-principal-error.js'

/** Principal types a role assignment can name. */
export type PrincipalType = 'ServicePrincipal' | 'User' | 'Group'

/** Who a credential signs in as, read from its ARM access token's claims. */
export interface SignedInPrincipal {
  /** Object ID (`oid`): the assignee of role assignments. */
  objectId: string
  tenantId: string
  /** `User` for a delegated (user) token, `ServicePrincipal` for an application token. */
  principalType: PrincipalType
}

/** Azure Resource Manager's token scope in the public cloud. */
export const ARM_SCOPE = 'https://management.azure.com/.default'

/**
 * Finds out who a credential signs in as, so the developer can be granted App Configuration Data Owner on the
 * store before seeding settings. It requests an ARM token and reads its `oid`, `tid` and `idtyp`/`scp` claims;
 * the token itself is never returned, logged or put in an error.
 *
 * @param credential - The credential the ARM clients use.
 * @param scope - Token scope; default {@link ARM_SCOPE} (the emulator accepts it too).
 * @returns The object ID, tenant and principal type.
 * @throws {@link SignedInPrincipalError} when no token is returned or it has no `oid`.
 * @example
 * ```ts
 * const me = await getSignedInPrincipal(credential)
 * await ensureRoleAssignment(clients, { scope: store.id, principalId: me.objectId, principalType: me.principalType,
 *   role: 'App Configuration Data Owner' })
 * ```
 */
export async function getSignedInPrincipal(
  credential: TokenCredential,
  scope = ARM_SCOPE,
): Promise<SignedInPrincipal> {
  const token = await credential.getToken(scope)
  if (!token) throw new SignedInPrincipalError({ problem: 'The credential returned no access token.' })
  let claims: Record<string, unknown>
  try {
    const payload = token.token.split('.')[1] ?? ''
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>
  } catch {
    throw new SignedInPrincipalError({ problem: 'Its access token is not a JSON Web Token.' })
  }
  const objectId = claims.oid
  const tenantId = claims.tid
  if (typeof objectId !== 'string' || objectId === '') {
    throw new SignedInPrincipalError({ problem: 'Its access token has no "oid" (object ID) claim.' })
  }
  const isApp = claims.idtyp === 'app' || (claims.scp === undefined && claims.idtyp !== 'user')
  return {
    objectId,
    tenantId: typeof tenantId === 'string' ? tenantId : '',
    principalType: isApp ? 'ServicePrincipal' : 'User',
  }
}
