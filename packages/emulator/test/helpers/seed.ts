import { randomBytes, randomUUID } from 'node:crypto'
import { contextOf } from '../../src/emulator.ts'
import type { RunningEmulator } from '../../src/index.ts'
import { APP_CONFIGURATION_DATA_OWNER } from '../../src/rbac/roles.ts'
import { normalizeId } from '../../src/resource-id.ts'
import {
  type HostKind,
  hostResourceTypes,
  type IdentityRecord,
  type StoreRecord,
} from '../../src/state/model.ts'

/**
 * Writes records straight into a running emulator's state, for tests of the identity endpoints that must not
 * depend on the ARM routes. End-to-end tests create the same resources through the real ARM clients instead.
 */

/** Creates a user-assigned identity record and returns it. */
export async function seedIdentity(
  emulator: RunningEmulator,
  name: string,
  resourceGroup = 'rg-seed',
): Promise<IdentityRecord> {
  const ctx = contextOf(emulator)
  const record: IdentityRecord = {
    // The casing ARM returns for identities (PROTOCOLS.md §6): lower-case `resourcegroups`.
    id: `/subscriptions/${emulator.subscriptionId}/resourcegroups/${resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`,
    name,
    resourceGroup,
    location: 'eastus',
    tags: {},
    tenantId: emulator.tenantId,
    clientId: randomUUID(),
    principalId: randomUUID(),
    createdAt: new Date().toISOString(),
  }
  await ctx.state.update((draft) => {
    draft.identities[normalizeId(record.id)] = record
  })
  return record
}

export interface SeedHostOptions {
  kind: HostKind
  name: string
  resourceGroup?: string
  /** Resource IDs of user-assigned identities to attach. */
  identities?: string[]
  systemAssigned?: boolean
}

/** Creates a host record (site, container app or VM) with an identity block; returns its resource ID. */
export async function seedHost(emulator: RunningEmulator, options: SeedHostOptions): Promise<string> {
  const ctx = contextOf(emulator)
  const resourceGroup = options.resourceGroup ?? 'rg-seed'
  const id = `/subscriptions/${emulator.subscriptionId}/resourceGroups/${resourceGroup}/providers/${hostResourceTypes[options.kind]}/${options.name}`
  const userAssigned = options.identities ?? []
  const types = [
    ...(options.systemAssigned ? ['SystemAssigned'] : []),
    ...(userAssigned.length ? ['UserAssigned'] : []),
  ]
  await ctx.state.update((draft) => {
    draft.hosts[normalizeId(id)] = {
      id,
      kind: options.kind,
      name: options.name,
      resourceGroup,
      location: 'eastus',
      tags: {},
      identity: {
        type: types.length ? types.join(', ') : 'None',
        userAssignedIdentities: userAssigned,
        ...(options.systemAssigned
          ? {
              systemAssigned: {
                principalId: randomUUID(),
                clientId: randomUUID(),
                tenantId: emulator.tenantId,
              },
            }
          : {}),
      },
      extraProperties: {},
      identityHeader: randomBytes(24).toString('hex'),
      imdsKey: `h${randomBytes(8).toString('hex')}`,
      createdAt: new Date().toISOString(),
    }
  })
  return id
}

/** The system-assigned identity of a seeded host. */
export function systemIdentityOf(
  emulator: RunningEmulator,
  hostId: string,
): { principalId: string; clientId: string } {
  const host = contextOf(emulator).state.data.hosts[normalizeId(hostId)]
  const system = host?.identity.systemAssigned
  if (!system) throw new Error(`${hostId} has no system-assigned identity`)
  return system
}

/**
 * Creates an App Configuration store record (its listener starts when the emulator next starts) and, when
 * `dataOwner` is given, makes that principal App Configuration Data Owner on it, effective at once.
 */
export async function seedStore(
  emulator: RunningEmulator,
  name: string,
  options: { resourceGroup?: string; dataOwner?: string } = {},
): Promise<StoreRecord> {
  const ctx = contextOf(emulator)
  const resourceGroup = options.resourceGroup ?? 'rg-seed'
  const record: StoreRecord = {
    id: `/subscriptions/${emulator.subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.AppConfiguration/configurationStores/${name}`,
    name,
    resourceGroup,
    location: 'eastus',
    tags: {},
    sku: 'standard',
    endpoint: '',
    port: 0,
    extraProperties: {},
    createdAt: new Date().toISOString(),
  }
  const assignmentName = randomUUID()
  await ctx.state.update((draft) => {
    draft.stores[normalizeId(record.id)] = record
    draft.keyValues[normalizeId(record.id)] = {}
    if (options.dataOwner) {
      const id = `${record.id}/providers/Microsoft.Authorization/roleAssignments/${assignmentName}`
      draft.roleAssignments[normalizeId(id)] = {
        id,
        name: assignmentName,
        scope: record.id,
        roleDefinitionId: `/subscriptions/${emulator.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${APP_CONFIGURATION_DATA_OWNER}`,
        principalId: options.dataOwner,
        principalType: 'ServicePrincipal',
        description: null,
        createdOn: new Date(0).toISOString(),
      }
    }
  })
  return record
}
