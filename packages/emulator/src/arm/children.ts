import type { ArmCall, ArmReply } from './call.js'
import type { ArmRoute } from './route.js'
import { handleAppSettings } from './site-config.js'
import { handleSubnets } from './subnets.js'

type ResourceRoute = Extract<ArmRoute, { kind: 'resource' }>

const eq = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase()

/**
 * Routes the child resources the emulator models, or returns `undefined` for any other child path:
 * - `Microsoft.Network/virtualNetworks/{vnet}/subnets[/{name}]`;
 * - `Microsoft.Web/sites/{site}/config/appsettings` (PUT) and `.../config/appsettings/list` (POST).
 */
export function dispatchChild(
  call: ArmCall,
  path: string,
  route: ResourceRoute,
): Promise<ArmReply> | undefined {
  const { namespace, types, names, resourceGroup } = route
  const [parentType, childType, action] = types
  const [parentName, childName] = names
  if (parentName === undefined) return undefined
  if (eq(namespace, 'Microsoft.Network') && eq(parentType, 'virtualNetworks') && eq(childType, 'subnets')) {
    if (types.length !== 2) return undefined
    return handleSubnets(call, path, resourceGroup, parentName, childName)
  }
  if (eq(namespace, 'Microsoft.Web') && eq(parentType, 'sites') && eq(childType, 'config')) {
    if (!eq(childName, 'appsettings')) return undefined
    if (types.length === 2) return handleAppSettings(call, path, resourceGroup, parentName, false)
    if (types.length === 3 && eq(action, 'list') && names.length === 2) {
      return handleAppSettings(call, path, resourceGroup, parentName, true)
    }
  }
  return undefined
}
