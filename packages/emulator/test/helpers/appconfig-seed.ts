import { randomUUID } from 'node:crypto'
import { contextOf } from '../../src/emulator.ts'
import type { RunningEmulator } from '../../src/index.ts'
import { normalizeId } from '../../src/resource-id.ts'

/**
 * Writes App Configuration stores and role assignments straight into a running emulator's state, for the data
 * plane's own unit-level tests (bad input, token kinds, store lifecycle) that must not depend on the ARM routes.
 * The user-flow tests create the same resources through the real ARM clients (`appconfig-arm.ts`).
 */

/** A store created by {@link seedStore}. */
export interface SeededStore {
  id: string
  name: string
  resourceGroup: string
  endpoint: string
  port: number
}

/** Creates a store record and starts its data-plane listener, as ARM does on `configurationStores` PUT. */
export async function seedStore(
  emulator: RunningEmulator,
  name: string,
  resourceGroup = 'rg-appconfig',
): Promise<SeededStore> {
  const ctx = contextOf(emulator)
  const id = `/subscriptions/${emulator.subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.AppConfiguration/configurationStores/${name}`
  const { port, endpoint } = await ctx.stores.start({ id })
  const now = new Date().toISOString()
  await ctx.state.update((draft) => {
    draft.resourceGroups[resourceGroup.toLowerCase()] ??= {
      id: `/subscriptions/${emulator.subscriptionId}/resourceGroups/${resourceGroup}`,
      name: resourceGroup,
      location: 'eastus',
      tags: {},
      createdAt: now,
    }
    draft.stores[normalizeId(id)] = {
      id,
      name,
      resourceGroup,
      location: 'eastus',
      tags: {},
      sku: 'standard',
      endpoint,
      port,
      extraProperties: {},
      createdAt: now,
    }
  })
  return { id, name, resourceGroup, endpoint, port }
}

/** Deletes a store as ARM does: record and key-values dropped, listener stopped. */
export async function deleteSeededStore(emulator: RunningEmulator, id: string): Promise<void> {
  const ctx = contextOf(emulator)
  await ctx.state.update((draft) => {
    delete draft.stores[normalizeId(id)]
    delete draft.keyValues[normalizeId(id)]
  })
  await ctx.stores.stop(id)
}

/** Assigns a built-in role (GUID) to a principal at a scope; `createdOn` defaults to now. */
export async function seedRoleAssignment(
  emulator: RunningEmulator,
  assignment: { principalId: string; roleGuid: string; scope: string; createdOn?: Date },
): Promise<string> {
  const ctx = contextOf(emulator)
  const name = randomUUID()
  const id = `${assignment.scope}/providers/Microsoft.Authorization/roleAssignments/${name}`
  await ctx.state.update((draft) => {
    draft.roleAssignments[normalizeId(id)] = {
      id,
      name,
      scope: assignment.scope,
      roleDefinitionId: `/subscriptions/${emulator.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${assignment.roleGuid}`,
      principalId: assignment.principalId,
      principalType: 'ServicePrincipal',
      description: null,
      createdOn: (assignment.createdOn ?? new Date()).toISOString(),
    }
  })
  return id
}
