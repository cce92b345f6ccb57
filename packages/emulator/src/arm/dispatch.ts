import { authorize } from './auth.js'
import type { ArmCall, ArmReply } from './call.js'
import { dispatchChild } from './children.js'
import {
  checkNameAvailability,
  handleDeployment,
  handleHostAction,
  handleProviderPath,
  withInstanceView,
} from './cli-support.js'
import { methodNotAllowed, noRegisteredProvider } from './errors.js'
import { findTracked, modelledTypes } from './registry.js'
import {
  deleteResourceGroup,
  getResourceGroup,
  listResourceGroups,
  patchResourceGroup,
  putResourceGroup,
  resourceGroupActions,
} from './resource-groups.js'
import { handleRoleAssignments } from './role-assignments.js'
import { handleRoleDefinitions } from './role-definitions.js'
import { getSubscription, handleProviders, listSubscriptions, listTenants } from './subscriptions.js'
import { handleTracked, listTracked, targetOf } from './tracked.js'

function only(call: ArmCall, path: string, ...methods: string[]): void {
  if (!methods.includes(call.method)) throw methodNotAllowed(call.method, path, methods)
}

/** Routes an authenticated ARM call to the handler of the addressed resource. */
export async function dispatch(call: ArmCall, path: string): Promise<ArmReply> {
  const { route } = call
  switch (route.kind) {
    case 'tenants':
      only(call, path, 'GET')
      return listTenants(call)
    case 'subscriptions':
      only(call, path, 'GET')
      return listSubscriptions(call)
    case 'subscription':
      only(call, path, 'GET')
      return getSubscription(call)
    case 'providers':
      return handleProviders(call, undefined, undefined)
    case 'provider':
      return handleProviders(call, route.namespace, route.action)
    case 'resourceGroups':
      only(call, path, 'GET')
      return listResourceGroups(call)
    case 'resourceGroup':
      return resourceGroup(call, path, route.resourceGroup)
    case 'providerPath':
      return handleProviderPath(call, route, path)
    case 'collection': {
      const check = checkNameAvailability(call, route.type)
      if (check) return check
      only(call, path, 'GET')
      const kind = findTracked(route.type)
      if (!kind) throw noRegisteredProvider(route.type, call.apiVersion, modelledTypes)
      return listTracked(call, kind, route.resourceGroup)
    }
    case 'resource': {
      const type = [route.namespace, ...route.types].join('/')
      const deployment = await handleDeployment(call, route, path, dispatch)
      if (deployment) return deployment
      if (route.types.length > 1) {
        const child = dispatchChild(call, path, route)
        if (child) return child
        const action = handleHostAction(call, route)
        if (action) return action
      }
      const kind = route.types.length === 1 ? findTracked(type) : undefined
      if (!kind || route.names.length !== 1) throw noRegisteredProvider(type, call.apiVersion, modelledTypes)
      const name = route.names[0] as string
      const target = targetOf(route.subscriptionId, route.resourceGroup, type, name)
      return withInstanceView(call, route, await handleTracked(call, kind, target))
    }
    case 'authorization':
      if (route.type.toLowerCase() === 'roleassignments') return handleRoleAssignments(call, path, route)
      if (route.type.toLowerCase() === 'roledefinitions') return handleRoleDefinitions(call, path, route)
      throw noRegisteredProvider(`Microsoft.Authorization/${route.type}`, call.apiVersion, modelledTypes)
  }
}

async function resourceGroup(call: ArmCall, path: string, name: string): Promise<ArmReply> {
  only(call, path, 'GET', 'HEAD', 'PUT', 'PATCH', 'DELETE')
  const scope = `/subscriptions/${call.subscriptionId}/resourceGroups/${name}`
  const action =
    call.method === 'GET' || call.method === 'HEAD'
      ? resourceGroupActions.read
      : call.method === 'DELETE'
        ? resourceGroupActions.delete
        : resourceGroupActions.write
  authorize(call.ctx, call.caller, { action, scope })
  switch (call.method) {
    case 'PUT':
      return putResourceGroup(call, name)
    case 'PATCH':
      return patchResourceGroup(call, name)
    case 'DELETE':
      return deleteResourceGroup(call, name)
    default:
      return getResourceGroup(call, name)
  }
}
