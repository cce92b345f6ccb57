import { containerApps, sites, virtualMachines } from './hosts.js'
import { identities } from './identities.js'
import { prerequisiteTypes } from './prerequisites.js'
import { stores } from './stores.js'
import type { TrackedType } from './tracked.js'

// biome-ignore lint/suspicious/noExplicitAny: a registry of types with different record shapes
const trackedTypes: TrackedType<any>[] = [
  identities,
  stores,
  sites,
  containerApps,
  virtualMachines,
  ...prerequisiteTypes,
]

/** Every resource type the emulator models, for error messages. */
export const modelledTypes: readonly string[] = [
  'Microsoft.Resources/resourceGroups',
  'Microsoft.Authorization/roleAssignments',
  'Microsoft.Authorization/roleDefinitions',
  ...trackedTypes.map((kind) => kind.type),
  'Microsoft.Network/virtualNetworks/subnets',
  'Microsoft.Web/sites/config/appsettings',
]

/** The tracked resource type named `Namespace/type` (case-insensitive), if the emulator models it. */
export function findTracked(type: string): TrackedType | undefined {
  return trackedTypes.find((kind) => kind.type.toLowerCase() === type.toLowerCase())
}
