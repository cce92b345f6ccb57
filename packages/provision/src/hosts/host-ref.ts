import { providerResourceId } from '../resource-ids.js'

/** The three hosts of the tutorial. */
export type HostKind = 'app-service' | 'container-apps' | 'vm'

/** Every {@link HostKind}, in the tutorial's order. */
export const HOST_KINDS: readonly HostKind[] = ['app-service', 'container-apps', 'vm']

/** ARM resource type of each host kind. */
export const HOST_RESOURCE_TYPES: Readonly<Record<HostKind, string>> = {
  'app-service': 'Microsoft.Web/sites',
  'container-apps': 'Microsoft.App/containerApps',
  vm: 'Microsoft.Compute/virtualMachines',
}

/** Names a host: what attach/detach/describe need. */
export interface HostRef {
  kind: HostKind
  /** Resource ID (the emulator's `hostEnv(id)` takes it). */
  id: string
  name: string
  resourceGroup: string
}

/**
 * Builds a {@link HostRef} from names, e.g. to resume the tour or to point at a host created elsewhere.
 *
 * @example
 * ```ts
 * const host = hostRef(clients.subscriptionId, 'container-apps', 'rg-uami', 'ca-uami')
 * await describeHostIdentity(clients, host)
 * ```
 */
export function hostRef(
  subscriptionId: string,
  kind: HostKind,
  resourceGroup: string,
  name: string,
): HostRef {
  return {
    kind,
    id: providerResourceId(subscriptionId, resourceGroup, HOST_RESOURCE_TYPES[kind], name),
    name,
    resourceGroup,
  }
}
