import { isWithinScope } from '../resource-id.js'
import type { EmulatorStateData } from '../state/model.js'
import { authorize } from './auth.js'
import { type ArmCall, type ArmReply, listReply } from './call.js'
import { ArmError } from './errors.js'

/**
 * Resource providers the emulator models: resource type → the api-versions the installed `@azure/arm-*` clients
 * use (newest first). Tools that pick an api-version from the provider (e.g. `az resource`) get a real one; the
 * emulator itself accepts any.
 */
export const modelledProviders: Record<string, Record<string, string[]>> = {
  'Microsoft.Resources': {
    resourceGroups: ['2025-04-01', '2021-04-01'],
    subscriptions: ['2022-12-01', '2019-11-01'],
    tenants: ['2022-12-01'],
  },
  'Microsoft.Authorization': { roleAssignments: ['2022-04-01'], roleDefinitions: ['2022-04-01'] },
  'Microsoft.ManagedIdentity': { userAssignedIdentities: ['2024-11-30', '2023-01-31'] },
  'Microsoft.AppConfiguration': { configurationStores: ['2024-05-01', '2023-03-01'] },
  'Microsoft.Web': {
    sites: ['2025-05-01', '2024-04-01'],
    'sites/config': ['2025-05-01', '2024-04-01'],
    serverfarms: ['2025-05-01', '2024-04-01'],
  },
  'Microsoft.App': {
    containerApps: ['2026-07-01', '2025-01-01'],
    managedEnvironments: ['2026-07-01', '2025-01-01'],
  },
  'Microsoft.Compute': { virtualMachines: ['2026-04-01', '2024-07-01'] },
  'Microsoft.Network': {
    virtualNetworks: ['2024-07-01', '2024-05-01'],
    'virtualNetworks/subnets': ['2024-07-01', '2024-05-01'],
    networkInterfaces: ['2024-07-01', '2024-05-01'],
    networkSecurityGroups: ['2024-07-01', '2024-05-01'],
    publicIPAddresses: ['2024-07-01', '2024-05-01'],
  },
  'Microsoft.OperationalInsights': { workspaces: ['2023-09-01', '2022-10-01'] },
  'Microsoft.ContainerRegistry': { registries: ['2023-07-01', '2023-01-01-preview'] },
}

function renderSubscription(data: Readonly<EmulatorStateData>): unknown {
  return {
    id: `/subscriptions/${data.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: data.subscriptionId,
    tenantId: data.tenantId,
    displayName: data.subscriptionName,
    state: 'Enabled',
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'PayAsYouGo_2014-09-01',
      spendingLimit: 'Off',
    },
  }
}

/**
 * A subscription is visible to a principal with any effective role assignment at, above or below it (as in Azure,
 * where a Reader on one resource group sees the subscription). The propagation delay applies.
 */
function canSeeSubscription(call: ArmCall): boolean {
  const data = call.ctx.state.data
  const subscriptionScope = `/subscriptions/${data.subscriptionId}`
  const now = Date.now()
  return Object.values(data.roleAssignments).some(
    (assignment) =>
      assignment.principalId.toLowerCase() === call.caller.oid.toLowerCase() &&
      (isWithinScope(assignment.scope, subscriptionScope) ||
        isWithinScope(subscriptionScope, assignment.scope)) &&
      Date.parse(assignment.createdOn) + call.ctx.settings.propagationDelayMs <= now,
  )
}

/** `GET /subscriptions`: the emulator's one subscription, when the caller has access to it. */
export function listSubscriptions(call: ArmCall): ArmReply {
  const data = call.ctx.state.data
  return listReply(canSeeSubscription(call) ? [renderSubscription(data)] : [])
}

/** `GET /subscriptions/{id}`. */
export function getSubscription(call: ArmCall): ArmReply {
  const data = call.ctx.state.data
  if (!canSeeSubscription(call)) {
    throw new ArmError(
      403,
      'AuthorizationFailed',
      `The client '${call.caller.oid}' with object id '${call.caller.oid}' does not have authorization to perform action 'Microsoft.Resources/subscriptions/read' over scope '/subscriptions/${data.subscriptionId}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    )
  }
  return { status: 200, body: renderSubscription(data) }
}

/** `GET /tenants`: the emulator's tenant. */
export function listTenants(call: ArmCall): ArmReply {
  const { tenantId } = call.ctx.state.data
  return listReply([
    {
      id: `/tenants/${tenantId}`,
      tenantId,
      tenantCategory: 'Home',
      displayName: 'uami local tenant',
      defaultDomain: 'uami.local',
      domains: ['uami.local'],
    },
  ])
}

function renderProvider(subscriptionId: string, namespace: string, types: Record<string, string[]>): unknown {
  return {
    id: `/subscriptions/${subscriptionId}/providers/${namespace}`,
    namespace,
    registrationState: 'Registered',
    registrationPolicy: 'RegistrationRequired',
    resourceTypes: Object.entries(types).map(([resourceType, apiVersions]) => ({
      resourceType,
      locations: [],
      apiVersions,
    })),
  }
}

function findProvider(namespace: string): [string, Record<string, string[]>] | undefined {
  return Object.entries(modelledProviders).find(([name]) => name.toLowerCase() === namespace.toLowerCase())
}

/**
 * `GET /subscriptions/{id}/providers[/{namespace}]` and `POST .../{namespace}/register`: every modelled provider
 * is registered; other namespaces answer 404 `InvalidResourceNamespace`.
 */
export function handleProviders(
  call: ArmCall,
  namespace: string | undefined,
  action: string | undefined,
): ArmReply {
  const { subscriptionId } = call.ctx.state.data
  const scope = `/subscriptions/${subscriptionId}`
  if (namespace === undefined) {
    if (call.method !== 'GET') throw providerMethod(call.method)
    authorize(call.ctx, call.caller, { action: 'Microsoft.Resources/subscriptions/providers/read', scope })
    return listReply(
      Object.entries(modelledProviders).map(([ns, types]) => renderProvider(subscriptionId, ns, types)),
    )
  }
  const provider = findProvider(namespace)
  const wantsRegister = action === 'register' && call.method === 'POST'
  if (!(wantsRegister || (action === undefined && call.method === 'GET'))) throw providerMethod(call.method)
  authorize(call.ctx, call.caller, {
    action: wantsRegister
      ? `${namespace}/register/action`
      : 'Microsoft.Resources/subscriptions/providers/read',
    scope,
  })
  if (!provider) {
    throw new ArmError(
      404,
      'InvalidResourceNamespace',
      `The resource namespace '${namespace}' is invalid or not modelled by the uami emulator. It models ${Object.keys(modelledProviders).join(', ')}.`,
    )
  }
  return { status: 200, body: renderProvider(subscriptionId, provider[0], provider[1]) }
}

function providerMethod(method: string): ArmError {
  return new ArmError(
    405,
    'MethodNotAllowed',
    `The HTTP method '${method}' is not supported here. Use GET to read providers and POST .../{namespace}/register to register one.`,
  )
}
