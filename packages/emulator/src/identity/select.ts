import { normalizeId } from '../resource-id.js'
import type { AttachedIdentity } from './attached.js'

/** The three ways a request names a user-assigned identity. */
export type IdentifierKind = 'clientId' | 'objectId' | 'resourceId'

/** The identifier a token request carried: its kind, the query parameter it came in, and its value. */
export interface IdentitySelector {
  kind: IdentifierKind
  parameter: string
  value: string
}

/** Query parameter → identifier kind, per protocol (PROTOCOLS.md §1, §2). */
export const appServiceParameters: Readonly<Record<string, IdentifierKind>> = {
  client_id: 'clientId',
  object_id: 'objectId',
  principal_id: 'objectId',
  mi_res_id: 'resourceId',
}

/** IMDS accepts `msi_res_id` (current MSAL) and `mi_res_id` (MSAL 2.x) for a resource ID. */
export const imdsParameters: Readonly<Record<string, IdentifierKind>> = {
  client_id: 'clientId',
  object_id: 'objectId',
  msi_res_id: 'resourceId',
  mi_res_id: 'resourceId',
}

/** The identifier parameters present in a query: none, one, or several (an error on both protocols). */
export function readSelectors(
  query: Record<string, unknown>,
  parameters: Readonly<Record<string, IdentifierKind>>,
): { selector?: IdentitySelector; present: string[] } {
  const present = Object.keys(query).filter((name) => Object.hasOwn(parameters, name.toLowerCase()))
  if (present.length !== 1) return { present }
  const parameter = present[0] as string
  const raw = query[parameter]
  // A repeated parameter arrives as an array: as ambiguous as two different ones.
  if (typeof raw !== 'string') return { present: [parameter, parameter] }
  const kind = parameters[parameter.toLowerCase()] as IdentifierKind
  return { selector: { kind, parameter, value: raw }, present }
}

/** Whether `identity` is the one `selector` names. GUIDs and resource IDs compare case-insensitively. */
export function matches(identity: AttachedIdentity, selector: IdentitySelector): boolean {
  const value = selector.value.trim()
  if (!value) return false
  switch (selector.kind) {
    case 'clientId':
      return identity.clientId.toLowerCase() === value.toLowerCase()
    case 'objectId':
      return identity.principalId.toLowerCase() === value.toLowerCase()
    case 'resourceId':
      return identity.assignment === 'user' && normalizeId(identity.resourceId) === normalizeId(value)
  }
}

/** Outcome of picking the identity for a token request. */
export type Selection =
  | { ok: true; identity: AttachedIdentity }
  | {
      ok: false
      /**
       * `not-attached`: the identifier names no identity attached to the host. `needs-identifier`: no
       * identifier, and the host has no system-assigned identity to fall back to (several or no user-assigned
       * ones on IMDS; any user-assigned ones on App Service). `none`: the host has no identity at all.
       */
      reason: 'not-attached' | 'needs-identifier' | 'none'
    }

/**
 * Picks the identity a token request is for. With an identifier: the attached identity it names. Without one:
 * the system-assigned identity; on IMDS only, the single user-assigned identity when there is exactly one and no
 * system-assigned identity (ERRATA.md, "Also missing"). App Service never picks a user-assigned identity itself.
 */
export function selectIdentity(
  attached: readonly AttachedIdentity[],
  selector: IdentitySelector | undefined,
  protocol: 'appService' | 'imds',
): Selection {
  if (selector) {
    const identity = attached.find((candidate) => matches(candidate, selector))
    return identity ? { ok: true, identity } : { ok: false, reason: 'not-attached' }
  }
  if (attached.length === 0) return { ok: false, reason: 'none' }
  const system = attached.find((candidate) => candidate.assignment === 'system')
  if (system) return { ok: true, identity: system }
  const [only] = attached
  if (protocol === 'imds' && attached.length === 1 && only) return { ok: true, identity: only }
  return { ok: false, reason: 'needs-identifier' }
}
