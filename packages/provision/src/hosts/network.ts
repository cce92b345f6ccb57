import type { ArmClients } from '../clients.js'
import { lroOptions } from '../clients.js'
import { armCall, armGetOptional } from '../errors/arm-error-mapping.js'
import { providerResourceId } from '../resource-ids.js'

/**
 * `Microsoft.Network` api-version for the VM's network. No `@azure/arm-network` client is installed, so these
 * resources go through `@azure/arm-resources`' generic by-ID calls.
 */
export const NETWORK_API_VERSION = '2024-05-01'

/** Names and address space of the VM's network. */
export interface VmNetworkOptions {
  /** Default `vnet-<vm>`. */
  vnetName?: string | undefined
  /** Default `default`. */
  subnetName?: string | undefined
  /** Default `nic-<vm>`. */
  nicName?: string | undefined
  /** Default `10.42.0.0/16` (subnet `10.42.0.0/24`). */
  addressPrefix?: string | undefined
  subnetPrefix?: string | undefined
}

/** The network interface ID a VM named `vmName` uses with these options. */
export function vmNicId(
  clients: ArmClients,
  resourceGroup: string,
  vmName: string,
  network?: VmNetworkOptions,
): string {
  return providerResourceId(
    clients.subscriptionId,
    resourceGroup,
    'Microsoft.Network/networkInterfaces',
    network?.nicName ?? `nic-${vmName}`,
  )
}

/**
 * Creates (or reuses) a virtual network with one subnet and a network interface in it, without a public IP:
 * reach the VM through Azure Bastion or `az vm run-command`. Returns the IDs it ensured.
 */
export async function ensureVmNetwork(
  clients: ArmClients,
  resourceGroup: string,
  vmName: string,
  location: string,
  network: VmNetworkOptions = {},
  tags?: Record<string, string>,
): Promise<{ vnetId: string; subnetId: string; nicId: string }> {
  const vnetName = network.vnetName ?? `vnet-${vmName}`
  const subnetName = network.subnetName ?? 'default'
  const vnetId = providerResourceId(
    clients.subscriptionId,
    resourceGroup,
    'Microsoft.Network/virtualNetworks',
    vnetName,
  )
  const subnetId = `${vnetId}/subnets/${subnetName}`
  const nicId = vmNicId(clients, resourceGroup, vmName, network)
  const tagged = tags ? { tags } : {}
  await ensureById(clients, resourceGroup, vnetId, `virtual network "${vnetName}"`, {
    location,
    ...tagged,
    properties: {
      addressSpace: { addressPrefixes: [network.addressPrefix ?? '10.42.0.0/16'] },
      subnets: [{ name: subnetName, properties: { addressPrefix: network.subnetPrefix ?? '10.42.0.0/24' } }],
    },
  })
  await ensureById(clients, resourceGroup, nicId, `network interface "${lastName(nicId)}"`, {
    location,
    ...tagged,
    properties: {
      ipConfigurations: [
        { name: 'ipconfig1', properties: { subnet: { id: subnetId }, privateIPAllocationMethod: 'Dynamic' } },
      ],
    },
  })
  return { vnetId, subnetId, nicId }
}

async function ensureById(
  clients: ArmClients,
  resourceGroup: string,
  id: string,
  label: string,
  body: { location: string; tags?: Record<string, string>; properties: Record<string, unknown> },
): Promise<void> {
  const context = { operation: `create ${label}`, subscriptionId: clients.subscriptionId, resourceGroup }
  const existing = await armGetOptional({ ...context, operation: `read ${label}`, resourceId: id }, () =>
    clients.resources.resources.getById(id, NETWORK_API_VERSION),
  )
  if (existing) return
  await armCall(context, () =>
    clients.resources.resources.beginCreateOrUpdateByIdAndWait(
      id,
      NETWORK_API_VERSION,
      body,
      lroOptions(clients),
    ),
  )
}

function lastName(id: string): string {
  return id.split('/').pop() ?? id
}
