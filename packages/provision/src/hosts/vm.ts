import type { ArmClients } from '../clients.js'
import { lroOptions } from '../clients.js'
import { armCall, armGetOptional } from '../errors/arm-error-mapping.js'
import { InvalidOptionError } from '../errors/invalid-option-error.js'
import type { HostRef } from './host-ref.js'
import type { IdentityBlock, IdentityBlockUpdate } from './identity-block.js'
import { ensureVmNetwork, type VmNetworkOptions, vmNicId } from './network.js'

/** Default VM image: Ubuntu Server 24.04 LTS. */
export const UBUNTU_IMAGE = {
  publisher: 'Canonical',
  offer: 'ubuntu-24_04-lts',
  sku: 'server',
  version: 'latest',
} as const

/** Options of {@link ensureHost} for a virtual machine. */
export interface VmHostOptions {
  kind: 'vm'
  resourceGroup: string
  /** VM name: 1–64 letters, digits and `-` (also its computer name, cut to 15 characters). */
  name: string
  /** Default: the resource group's location. */
  location?: string | undefined
  /**
   * `create`: create the virtual network, subnet and network interface too (or reuse them), and attach the VM to
   * the interface. `skip`: only the VM, on the existing interface `network.nicName` when given, otherwise without
   * a network profile (the local tour's mode: the emulator, like Azure, refuses a NIC ID that names no interface).
   */
  prerequisites: 'create' | 'skip'
  /**
   * OpenSSH public key (`ssh-ed25519 AAAA… you@host`, the contents of `~/.ssh/id_ed25519.pub`). Required with
   * `prerequisites: 'create'`: password login is disabled, and this package never generates or stores a key.
   */
  sshPublicKey?: string | undefined
  /** Default `azureuser`. */
  adminUsername?: string | undefined
  /** Default `Standard_B1s`. */
  size?: string | undefined
  /** Default {@link UBUNTU_IMAGE}. */
  image?: { publisher: string; offer: string; sku: string; version: string } | undefined
  /** cloud-init user data (plain text; base64-encoded for you), e.g. to install Node and the sample's unit. */
  cloudInit?: string | undefined
  network?: VmNetworkOptions | undefined
  tags?: Record<string, string> | undefined
}

/** Creates (or reuses) the VM and, with `prerequisites: 'create'`, its network. Never rewrites an existing VM. */
export async function ensureVirtualMachine(
  clients: ArmClients,
  options: VmHostOptions,
  location: string,
  host: HostRef,
): Promise<{ created: boolean; prerequisites: string[] }> {
  const key = options.sshPublicKey?.trim()
  if (options.prerequisites === 'create' && !key) {
    throw new InvalidOptionError({
      option: 'sshPublicKey',
      problem: 'a VM in Azure needs an SSH public key (password login is disabled), and none was given.',
      fix: "Pass the contents of your public key, e.g. sshPublicKey: readFileSync(join(homedir(), '.ssh', 'id_ed25519.pub'), 'utf8') — create one with ssh-keygen -t ed25519 if you have none. This package never generates keys.",
    })
  }
  if (key && !/^(ssh-(rsa|ed25519)|ecdsa-sha2-nistp\d+) [A-Za-z0-9+/=]+( .*)?$/.test(key)) {
    throw new InvalidOptionError({
      option: 'sshPublicKey',
      problem: 'it does not look like an OpenSSH public key ("ssh-ed25519 AAAA…" or "ssh-rsa AAAA…").',
      fix: 'Pass the contents of the .pub file (never the private key).',
    })
  }
  const context = {
    operation: `create virtual machine "${options.name}"`,
    subscriptionId: clients.subscriptionId,
    resourceGroup: options.resourceGroup,
  }
  const existing = await armGetOptional({ ...context, resourceId: host.id }, () =>
    clients.compute.virtualMachines.get(options.resourceGroup, options.name),
  )
  if (existing) {
    return {
      created: false,
      prerequisites: existing.networkProfile?.networkInterfaces?.map((nic) => nic.id ?? '') ?? [],
    }
  }
  const nicId: string | undefined =
    options.prerequisites === 'create'
      ? (
          await ensureVmNetwork(
            clients,
            options.resourceGroup,
            options.name,
            location,
            options.network,
            options.tags,
          )
        ).nicId
      : options.network?.nicName !== undefined
        ? vmNicId(clients, options.resourceGroup, options.name, options.network)
        : undefined
  const adminUsername = options.adminUsername ?? 'azureuser'
  await armCall(context, () =>
    clients.compute.virtualMachines.beginCreateOrUpdateAndWait(
      options.resourceGroup,
      options.name,
      {
        location,
        hardwareProfile: { vmSize: options.size ?? 'Standard_B1s' },
        storageProfile: {
          imageReference: { ...(options.image ?? UBUNTU_IMAGE) },
          osDisk: {
            createOption: 'FromImage',
            managedDisk: { storageAccountType: 'Standard_LRS' },
            deleteOption: 'Delete',
          },
        },
        ...(key
          ? {
              osProfile: {
                computerName: options.name.slice(0, 15),
                adminUsername,
                linuxConfiguration: {
                  disablePasswordAuthentication: true,
                  ssh: {
                    publicKeys: [{ path: `/home/${adminUsername}/.ssh/authorized_keys`, keyData: key }],
                  },
                },
                ...(options.cloudInit
                  ? { customData: Buffer.from(options.cloudInit, 'utf8').toString('base64') }
                  : {}),
              },
            }
          : {}),
        ...(nicId
          ? { networkProfile: { networkInterfaces: [{ id: nicId, primary: true, deleteOption: 'Delete' }] } }
          : {}),
        ...(options.tags ? { tags: options.tags } : {}),
      },
      lroOptions(clients),
    ),
  )
  return { created: true, prerequisites: nicId ? [nicId] : [] }
}

/** Reads the VM's identity block. */
export async function readVmIdentity(clients: ArmClients, host: HostRef): Promise<IdentityBlock | undefined> {
  const vm = await armCall(
    {
      operation: `read the identity of virtual machine "${host.name}"`,
      subscriptionId: clients.subscriptionId,
      resourceGroup: host.resourceGroup,
      resourceId: host.id,
      createWith: "ensureHost({ kind: 'vm', … }) or az vm create",
    },
    () => clients.compute.virtualMachines.get(host.resourceGroup, host.name),
  )
  return vm.identity
}

/** Writes the VM's identity block with PATCH (removed identities sent as `null`), as the VM REST docs show. */
export async function writeVmIdentity(
  clients: ArmClients,
  host: HostRef,
  identity: IdentityBlockUpdate,
  operation: string,
): Promise<void> {
  await armCall(
    {
      operation,
      subscriptionId: clients.subscriptionId,
      resourceGroup: host.resourceGroup,
      resourceId: host.id,
      createWith: "ensureHost({ kind: 'vm', … }) or az vm create",
    },
    () =>
      clients.compute.virtualMachines.beginUpdateAndWait(
        host.resourceGroup,
        host.name,
        { identity: identity as never },
        lroOptions(clients),
      ),
  )
}
