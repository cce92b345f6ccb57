import { normalizeId, parseResourceId } from '../resource-id.js'
import type { EmulatorStateData, HostKind } from '../state/model.js'
import { isObject, type JsonObject } from './body.js'
import { ArmError, invalidRequestContent } from './errors.js'
import { subnetExists } from './subnets.js'

/**
 * References from one resource to another (a site's App Service plan, a container app's environment, a VM's
 * network interfaces, a network interface's subnet). A reference to a resource in the emulator's subscription
 * must name one that exists; a reference into another subscription is accepted unchecked (the emulator has one
 * subscription). Bodies without the property are accepted: hosts can be created without their prerequisites.
 */
interface Reference {
  /** The property path, for messages: `properties.serverFarmId`. */
  path: string
  value: unknown
  /** The type it must point at, `Namespace/type[/child]`. */
  type: string
  /** The error when it points at nothing. */
  notFound(id: string): ArmError
}

function exists(data: Readonly<EmulatorStateData>, id: string, type: string): boolean {
  if (type.split('/').length > 2) return subnetExists(data, id)
  const record = data.resources?.[normalizeId(id)]
  return record?.type.toLowerCase() === type.toLowerCase()
}

function checkReference(data: Readonly<EmulatorStateData>, reference: Reference): void {
  const { value, path } = reference
  if (value === undefined || value === null) return
  if (typeof value !== 'string') throw invalidRequestContent(`'${path}' must be a resource ID string.`)
  const parsed = parseResourceId(value)
  if (!parsed || !value.startsWith('/')) {
    throw new ArmError(
      400,
      'LinkedInvalidPropertyId',
      `Property id '${value}' at path '${path}' is invalid. Expect fully qualified resource Id that start with '/subscriptions/{subscriptionId}' or '/providers/{resourceProviderNamespace}/'.`,
    )
  }
  if (parsed.subscriptionId.toLowerCase() !== data.subscriptionId.toLowerCase()) return
  if (!exists(data, value, reference.type)) throw reference.notFound(value)
}

function lastName(id: string): string {
  return id.split('/').filter(Boolean).at(-1) ?? id
}

/** 400 `InvalidResourceReference`, as Microsoft.Network words it for a missing referenced resource. */
function invalidReference(referencedBy: string): (id: string) => ArmError {
  return (id) =>
    new ArmError(
      400,
      'InvalidResourceReference',
      `Resource ${id} referenced by resource ${referencedBy} was not found. Please make sure that the referenced resource exists, and that both resources are in the same region.`,
    )
}

/**
 * Checks the prerequisite references of a host PUT/PATCH `properties`:
 * - sites: `serverFarmId` → 404 `NotFound` "Cannot find ServerFarm with name {name}." (App Service's answer);
 * - container apps: `managedEnvironmentId` / `environmentId` → 400 `ManagedEnvironmentNotFound`;
 * - VMs: `networkProfile.networkInterfaces[].id` → 400 `InvalidResourceReference`.
 */
export function checkHostReferences(
  data: Readonly<EmulatorStateData>,
  kind: HostKind,
  hostId: string,
  properties: JsonObject,
): void {
  const references: Reference[] = []
  if (kind === 'site') {
    references.push({
      path: 'properties.serverFarmId',
      value: properties.serverFarmId,
      type: 'Microsoft.Web/serverfarms',
      notFound: (id) =>
        new ArmError(
          404,
          'NotFound',
          `Cannot find ServerFarm with name ${lastName(id)}. Create the App Service plan first (az appservice plan create), or leave serverFarmId out.`,
        ),
    })
  } else if (kind === 'containerApp') {
    for (const name of ['managedEnvironmentId', 'environmentId']) {
      references.push({
        path: `properties.${name}`,
        value: properties[name],
        type: 'Microsoft.App/managedEnvironments',
        notFound: (id) =>
          new ArmError(
            400,
            'ManagedEnvironmentNotFound',
            `The environment '${id}' referenced by container app '${hostId}' was not found. Create the Container Apps environment first (az containerapp env create), or leave ${name} out.`,
          ),
      })
    }
  } else {
    const profile = properties.networkProfile
    const nics = isObject(profile) ? profile.networkInterfaces : undefined
    if (nics !== undefined && nics !== null && !Array.isArray(nics)) {
      throw invalidRequestContent("'properties.networkProfile.networkInterfaces' must be an array.")
    }
    for (const [index, nic] of (nics ?? []).entries()) {
      references.push({
        path: `properties.networkProfile.networkInterfaces[${index}].id`,
        value: isObject(nic) ? nic.id : nic,
        type: 'Microsoft.Network/networkInterfaces',
        notFound: invalidReference(hostId),
      })
    }
  }
  for (const reference of references) checkReference(data, reference)
}

/**
 * Checks what a prerequisite itself references: a network interface's subnets, public IP addresses and network
 * security group (400 `InvalidResourceReference` when missing).
 */
export function checkPrerequisiteReferences(
  data: Readonly<EmulatorStateData>,
  type: string,
  id: string,
  properties: JsonObject,
): void {
  if (type !== 'Microsoft.Network/networkInterfaces') return
  const notFound = invalidReference(id)
  const idOf = (value: unknown) => (isObject(value) ? value.id : value)
  const nsg = properties.networkSecurityGroup
  checkReference(data, {
    path: 'properties.networkSecurityGroup.id',
    value: idOf(nsg),
    type: 'Microsoft.Network/networkSecurityGroups',
    notFound,
  })
  const configurations = properties.ipConfigurations
  if (configurations === undefined || configurations === null) return
  if (!Array.isArray(configurations))
    throw invalidRequestContent("'properties.ipConfigurations' must be an array.")
  for (const [index, configuration] of configurations.entries()) {
    const inner =
      isObject(configuration) && isObject(configuration.properties) ? configuration.properties : {}
    checkReference(data, {
      path: `properties.ipConfigurations[${index}].properties.subnet.id`,
      value: idOf(inner.subnet),
      type: 'Microsoft.Network/virtualNetworks/subnets',
      notFound,
    })
    checkReference(data, {
      path: `properties.ipConfigurations[${index}].properties.publicIPAddress.id`,
      value: idOf(inner.publicIPAddress),
      type: 'Microsoft.Network/publicIPAddresses',
      notFound,
    })
  }
}
