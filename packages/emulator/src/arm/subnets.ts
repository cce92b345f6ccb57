import { normalizeId, parseResourceId } from '../resource-id.js'
import type { EmulatorStateData, PrerequisiteRecord } from '../state/model.js'
import { authorize } from './auth.js'
import { isObject, type JsonObject, omitKeys, propertiesOf } from './body.js'
import { type ArmCall, type ArmReply, listReply } from './call.js'
import { ArmError, invalidRequestContent, methodNotAllowed, resourceNotFound } from './errors.js'
import { checkName } from './names.js'
import { requireResourceGroup } from './resource-groups.js'
import { targetOf } from './tracked.js'

const VNET_TYPE = 'Microsoft.Network/virtualNetworks'
const SUBNET_TYPE = 'Microsoft.Network/virtualNetworks/subnets'
/** Subnet properties the emulator computes. */
const COMPUTED = ['provisioningState']

/** A subnet as stored in its virtual network's record. */
export type StoredSubnet = NonNullable<PrerequisiteRecord['subnets']>[number]

/** A subnet as ARM returns it: a child resource of its virtual network. */
export function renderSubnet(vnet: PrerequisiteRecord, subnet: StoredSubnet): unknown {
  return {
    id: `${vnet.id}/subnets/${subnet.name}`,
    name: subnet.name,
    type: SUBNET_TYPE,
    properties: { ...subnet.properties, provisioningState: 'Succeeded' },
  }
}

/**
 * The subnets of a virtual network PUT body (`properties.subnets`: `[{ name, properties }]`), validated. A PUT
 * replaces the network's subnets with these, as in Azure (absent means none).
 */
export function subnetsOfBody(properties: JsonObject): StoredSubnet[] {
  const value = properties.subnets
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) {
    throw invalidRequestContent("'properties.subnets' must be an array of { name, properties } objects.")
  }
  const seen = new Set<string>()
  return value.map((entry, index) => {
    if (!isObject(entry) || typeof entry.name !== 'string') {
      throw invalidRequestContent(`'properties.subnets[${index}]' must be an object with a string 'name'.`)
    }
    checkName(SUBNET_TYPE, entry.name)
    if (seen.has(entry.name.toLowerCase())) {
      throw invalidRequestContent(
        `the subnet name '${entry.name}' appears more than once in 'properties.subnets'.`,
      )
    }
    seen.add(entry.name.toLowerCase())
    return { name: entry.name, properties: omitKeys(propertiesOf(entry), COMPUTED) }
  })
}

/** True when `id` names an existing subnet of an existing virtual network in the emulator's state. */
export function subnetExists(data: Readonly<EmulatorStateData>, id: string): boolean {
  const parsed = parseResourceId(id)
  if (!parsed?.resourceGroup || parsed.types.length !== 2) return false
  if (`${parsed.namespace}/${parsed.types.join('/')}`.toLowerCase() !== SUBNET_TYPE.toLowerCase())
    return false
  const [vnetName, subnetName] = parsed.names as [string, string]
  const vnetId = `/subscriptions/${parsed.subscriptionId}/resourceGroups/${parsed.resourceGroup}/providers/${VNET_TYPE}/${vnetName}`
  const vnet = data.resources?.[normalizeId(vnetId)]
  return vnet?.subnets?.some((subnet) => subnet.name.toLowerCase() === subnetName.toLowerCase()) ?? false
}

function requireVnet(
  data: Readonly<EmulatorStateData>,
  resourceGroup: string,
  vnetName: string,
): PrerequisiteRecord {
  requireResourceGroup(data, resourceGroup)
  const key = targetOf(data.subscriptionId, resourceGroup, VNET_TYPE, vnetName).key
  const vnet = data.resources?.[key]
  if (!vnet || vnet.type !== VNET_TYPE) throw resourceNotFound(VNET_TYPE, vnetName, resourceGroup)
  return vnet
}

function subnetNotFound(vnet: PrerequisiteRecord, name: string): ArmError {
  return new ArmError(
    404,
    'NotFound',
    `Resource ${vnet.id}/subnets/${name} not found. Add the subnet to the virtual network first (PUT .../subnets/${name} or the network's properties.subnets).`,
  )
}

/**
 * `Microsoft.Network/virtualNetworks/{vnet}/subnets[/{name}]`: list (GET), and GET / PUT / DELETE of one subnet.
 * Subnets are kept inside their network's record, so a network's GET lists them too.
 */
export async function handleSubnets(
  call: ArmCall,
  path: string,
  resourceGroup: string,
  vnetName: string,
  name: string | undefined,
): Promise<ArmReply> {
  const requested = `${targetOf(call.subscriptionId, resourceGroup, VNET_TYPE, vnetName).requestedId}/subnets${name === undefined ? '' : `/${name}`}`
  const verb = call.method === 'GET' ? 'read' : call.method === 'DELETE' ? 'delete' : 'write'
  if (name === undefined) {
    if (call.method !== 'GET') throw methodNotAllowed(call.method, path, ['GET'])
    authorize(call.ctx, call.caller, { action: `${SUBNET_TYPE}/read`, scope: requested })
    const vnet = requireVnet(call.ctx.state.data, resourceGroup, vnetName)
    return listReply((vnet.subnets ?? []).map((subnet) => renderSubnet(vnet, subnet)))
  }
  if (!['GET', 'PUT', 'DELETE'].includes(call.method)) {
    throw methodNotAllowed(call.method, path, ['GET', 'PUT', 'DELETE'])
  }
  authorize(call.ctx, call.caller, { action: `${SUBNET_TYPE}/${verb}`, scope: requested })
  if (call.method === 'GET') {
    const vnet = requireVnet(call.ctx.state.data, resourceGroup, vnetName)
    const subnet = vnet.subnets?.find((s) => s.name.toLowerCase() === name.toLowerCase())
    if (!subnet) throw subnetNotFound(vnet, name)
    return { status: 200, body: renderSubnet(vnet, subnet) }
  }
  if (call.method === 'PUT') {
    checkName(SUBNET_TYPE, name)
    const properties = omitKeys(propertiesOf(call.body()), COMPUTED)
    return call.ctx.state.update((draft) => {
      const vnet = requireVnet(draft, resourceGroup, vnetName)
      vnet.subnets ??= []
      const subnets = vnet.subnets
      const existing = subnets.find((s) => s.name.toLowerCase() === name.toLowerCase())
      if (existing) {
        existing.properties = properties
        return { status: 200, body: renderSubnet(vnet, existing) }
      }
      const subnet = { name, properties }
      subnets.push(subnet)
      return { status: 201, body: renderSubnet(vnet, subnet) }
    })
  }
  const removed = await call.ctx.state.update((draft) => {
    const vnet = requireVnet(draft, resourceGroup, vnetName)
    const before = vnet.subnets?.length ?? 0
    vnet.subnets = (vnet.subnets ?? []).filter((s) => s.name.toLowerCase() !== name.toLowerCase())
    return vnet.subnets.length < before
  })
  return { status: removed ? 200 : 204 }
}
