import { isWithinScope, normalizeId } from '../resource-id.js'
import type { EmulatorStateData } from '../state/model.js'

/** What a removal took away that needs work outside the state document. */
export interface Removed {
  /** IDs of App Configuration stores whose data-plane listeners must be stopped. */
  storeIds: string[]
}

/**
 * Removes everything at or below `scope` from the draft state: identities, stores (and their key-values), hosts,
 * their prerequisites (plans, environments, networks, ...) and role assignments scoped inside it. Used when a resource group or a resource is deleted (ARM deletes the
 * role assignments of a deleted scope). Role assignments elsewhere that name a deleted identity's principal are
 * kept, as Azure keeps them ("Identity not found" in the portal).
 */
export function removeScope(draft: EmulatorStateData, scope: string): Removed {
  const removed: Removed = { storeIds: [] }
  const inside = (id: string) => isWithinScope(id, scope)
  for (const [key, identity] of Object.entries(draft.identities)) {
    if (inside(identity.id)) delete draft.identities[key]
  }
  for (const [key, store] of Object.entries(draft.stores)) {
    if (!inside(store.id)) continue
    delete draft.stores[key]
    delete draft.keyValues[normalizeId(store.id)]
    removed.storeIds.push(store.id)
  }
  for (const [key, host] of Object.entries(draft.hosts)) {
    if (inside(host.id)) delete draft.hosts[key]
  }
  for (const [key, resource] of Object.entries(draft.resources ?? {})) {
    if (inside(resource.id)) delete draft.resources?.[key]
  }
  for (const [key, assignment] of Object.entries(draft.roleAssignments)) {
    if (inside(assignment.scope)) delete draft.roleAssignments[key]
  }
  return removed
}
