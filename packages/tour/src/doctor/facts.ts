import { readFile } from 'node:fs/promises'

/** A user-assigned identity the doctor may know about (from the tour, or a file). */
export interface KnownIdentity {
  id: string
  name?: string | undefined
  clientId: string
  principalId: string
}

/** A role assignment the doctor may know about. */
export interface KnownRoleAssignment {
  principalId: string
  scope: string
  /** The role's name, e.g. `App Configuration Data Reader`. */
  roleName?: string | undefined
  roleDefinitionId?: string | undefined
  /** ISO time it was created (ARM's `createdOn`). */
  createdOn?: string | undefined
}

/**
 * What ARM knows that a process inside a host cannot see: identities, stores and role assignments. The tour
 * passes it (read through ARM just before) so the doctor can say more than the SDK error — e.g. that a "client ID"
 * is really an identity's principal ID, or that a 403 comes from an assignment that is still propagating.
 * `uami doctor --facts <file>` reads it from a JSON file of this shape.
 */
export interface DoctorFacts {
  identities?: KnownIdentity[] | undefined
  stores?: { id: string; endpoint: string }[] | undefined
  roleAssignments?: KnownRoleAssignment[] | undefined
  /** The local emulator's role propagation delay, when known. */
  propagationDelayMs?: number | undefined
  /** When these facts were read (ISO). */
  readAt?: string | undefined
}

/** Reads a facts file. A missing or unreadable file gives no facts (the doctor works without them). */
export async function readFacts(path: string): Promise<DoctorFacts | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as unknown
    return typeof parsed === 'object' && parsed !== null ? (parsed as DoctorFacts) : undefined
  } catch {
    return undefined
  }
}

const lower = (value: string | undefined) => (value ?? '').toLowerCase()

/** The known identity with this client ID, principal ID or resource ID (case-insensitive). */
export function findIdentity(
  facts: DoctorFacts | undefined,
  by: 'clientId' | 'principalId' | 'id',
  value: string,
): KnownIdentity | undefined {
  const wanted = normalize(value)
  return facts?.identities?.find((identity) => normalize(identity[by]) === wanted)
}

/** The known store whose endpoint has this origin. */
export function findStore(
  facts: DoctorFacts | undefined,
  endpoint: string | undefined,
): { id: string; endpoint: string } | undefined {
  const origin = originOf(endpoint)
  if (origin === undefined) return undefined
  return facts?.stores?.find((store) => originOf(store.endpoint) === origin)
}

/**
 * Known assignments of an App Configuration data role (Data Reader or Data Owner) to `principalId` at the store or
 * above it (its resource group, its subscription).
 */
export function dataRoleAssignments(
  facts: DoctorFacts | undefined,
  principalId: string,
  storeId: string,
): KnownRoleAssignment[] {
  const store = normalize(storeId)
  return (facts?.roleAssignments ?? []).filter((assignment) => {
    if (lower(assignment.principalId) !== lower(principalId)) return false
    const scope = normalize(assignment.scope)
    if (store !== scope && !store.startsWith(`${scope}/`)) return false
    const role = lower(assignment.roleName)
    const guid = lower(assignment.roleDefinitionId).split('/').pop() ?? ''
    return (
      role === 'app configuration data reader' ||
      role === 'app configuration data owner' ||
      guid === '516239f1-63e1-4d78-a4de-a74fb236a071' ||
      guid === '5ae67dd6-50cb-40e7-96ff-dc2bfa4b606b'
    )
  })
}

function normalize(value: string): string {
  return value.trim().toLowerCase().replace(/\/+/g, '/').replace(/\/$/, '')
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    return new URL(url).origin.toLowerCase()
  } catch {
    return undefined
  }
}
