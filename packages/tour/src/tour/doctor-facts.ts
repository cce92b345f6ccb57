import { join } from 'node:path'
import { BUILT_IN_ROLES } from '@uami/provision'
import type { DoctorFacts } from '../doctor/facts.js'
import { writeFileAtomic } from '../state/atomic-write.js'
import type { TourRun } from './run-context.js'

/**
 * Reads, through ARM, what a process inside the host cannot see — the identities of the resource group, the store,
 * and the role assignments on it (with their creation time) — and writes it to `<dir>/doctor-facts.json` for
 * `uami doctor --facts`.
 *
 * @returns The file's path.
 */
export async function writeDoctorFacts(run: TourRun): Promise<string> {
  const { clients, emulator } = run.target
  const facts: DoctorFacts = {
    identities: [],
    stores: [],
    roleAssignments: [],
    readAt: new Date().toISOString(),
  }
  for await (const identity of clients.msi.userAssignedIdentities.listByResourceGroup(
    run.names.resourceGroup,
  )) {
    if (identity.id && identity.clientId && identity.principalId) {
      facts.identities?.push({
        id: identity.id,
        name: identity.name,
        clientId: identity.clientId,
        principalId: identity.principalId,
      })
    }
  }
  if (run.store) {
    facts.stores?.push({ id: run.store.id, endpoint: run.store.endpoint })
    const scope = run.store.id.replace(/^\//, '')
    for await (const assignment of clients.authorization.roleAssignments.listForScope(scope)) {
      if (!assignment.principalId || !assignment.scope) continue
      facts.roleAssignments?.push({
        principalId: assignment.principalId,
        scope: assignment.scope,
        roleDefinitionId: assignment.roleDefinitionId,
        roleName: roleNameOf(assignment.roleDefinitionId),
        createdOn: assignment.createdOn?.toISOString(),
      })
    }
  }
  if (emulator) facts.propagationDelayMs = emulator.settings.propagationDelayMs
  const path = doctorFactsPath(run)
  await writeFileAtomic(path, `${JSON.stringify(facts, null, 2)}\n`)
  return path
}

/** Where {@link writeDoctorFacts} writes: `<dir>/doctor-facts.json`. */
export function doctorFactsPath(run: TourRun): string {
  return join(run.dir, 'doctor-facts.json')
}

function roleNameOf(roleDefinitionId: string | undefined): string | undefined {
  const guid = roleDefinitionId?.split('/').pop()?.toLowerCase()
  return Object.entries(BUILT_IN_ROLES).find(([, id]) => id === guid)?.[0]
}
