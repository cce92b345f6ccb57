import type { EmulatorStateData } from '../state/model.js'

/** A principal the emulated directory knows. */
export interface KnownPrincipal {
  objectId: string
  /** Every emulated principal is a service principal (the developer app, managed identities). */
  principalType: 'ServicePrincipal'
  /**
   * Other principal types a role assignment may name for it: the developer stands for the person who signs in
   * with `az login` in Azure (a `User`), so `--assignee-principal-type User` is accepted for it too.
   */
  alsoAccepted?: readonly string[]
  /** What it is, for messages. */
  description: string
}

/**
 * Looks a principal up by object ID in the emulated directory: the developer principal, every user-assigned
 * identity's `principalId`, and every host's system-assigned identity. The emulator knows all of them, so unlike
 * Azure (ERRATA #4) there is no replication delay: an unknown ID is really unknown.
 */
export function findPrincipal(
  data: Readonly<EmulatorStateData>,
  objectId: string,
): KnownPrincipal | undefined {
  const id = objectId.toLowerCase()
  if (data.developer.objectId.toLowerCase() === id) {
    return {
      objectId: data.developer.objectId,
      principalType: 'ServicePrincipal',
      alsoAccepted: ['User'],
      description: 'the developer',
    }
  }
  for (const identity of Object.values(data.identities)) {
    if (identity.principalId.toLowerCase() === id) {
      return {
        objectId: identity.principalId,
        principalType: 'ServicePrincipal',
        description: `user-assigned identity ${identity.id}`,
      }
    }
  }
  for (const host of Object.values(data.hosts)) {
    const system = host.identity.systemAssigned
    if (system && system.principalId.toLowerCase() === id) {
      return {
        objectId: system.principalId,
        principalType: 'ServicePrincipal',
        description: `system-assigned identity of ${host.id}`,
      }
    }
  }
  return undefined
}
