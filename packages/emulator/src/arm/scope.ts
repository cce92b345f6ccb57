import { parseResourceId } from '../resource-id.js'
import type { EmulatorStateData } from '../state/model.js'
import { ArmError, noRegisteredProvider } from './errors.js'
import { findTracked, modelledTypes } from './registry.js'
import { requireResourceGroup } from './resource-groups.js'
import { requireTracked, targetOf } from './tracked.js'

/**
 * Resolves an RBAC scope to the ID of what it names, in the emulator's casing: `/`, the subscription, an existing
 * resource group (404 `ResourceGroupNotFound` otherwise) or an existing modelled resource (404
 * `ResourceNotFound`; 400 `NoRegisteredProviderFound` for types the emulator does not model).
 */
export function resolveScope(data: Readonly<EmulatorStateData>, scope: string): string {
  if (scope === '/') return '/'
  const parsed = parseResourceId(scope)
  if (!parsed)
    throw new ArmError(400, 'InvalidResourceId', `The scope '${scope}' is not a valid resource ID.`)
  if (parsed.resourceGroup === undefined) return `/subscriptions/${data.subscriptionId}`
  const group = requireResourceGroup(data, parsed.resourceGroup)
  if (parsed.namespace === undefined) return group.id
  const type = [parsed.namespace, ...parsed.types].join('/')
  const kind = parsed.types.length === 1 ? findTracked(type) : undefined
  if (!kind) throw noRegisteredProvider(type, 'any', modelledTypes)
  const name = parsed.names[0] as string
  return requireTracked(data, kind, targetOf(data.subscriptionId, parsed.resourceGroup, type, name)).id
}
