import type { HostKind, HostRecord } from '../state/model.js'
import type { IdentitySelector } from './select.js'

const kindLabels: Record<HostKind, string> = {
  site: 'web app',
  containerApp: 'container app',
  virtualMachine: 'virtual machine',
}

/** `web app 'shop' (resource group 'rg1')`: how error messages name a host. Never includes its secret. */
export function describeHost(host: HostRecord): string {
  return `${kindLabels[host.kind]} '${host.name}' (resource group '${host.resourceGroup}')`
}

/** The Azure CLI command that attaches a user-assigned identity to this host (the flag differs per host kind). */
export function attachCommand(host: HostRecord, identityResourceId = '<identity-resource-id>'): string {
  const target = `--resource-group ${host.resourceGroup} --name ${host.name}`
  switch (host.kind) {
    case 'site':
      return `az webapp identity assign ${target} --identities ${identityResourceId}`
    case 'containerApp':
      return `az containerapp identity assign ${target} --user-assigned ${identityResourceId}`
    case 'virtualMachine':
      return `az vm identity assign ${target} --identities ${identityResourceId}`
  }
}

/** "Identity not found" with what was asked for, on which host, and how to fix it. */
export function notAttachedMessage(host: HostRecord, selector: IdentitySelector): string {
  const fix = attachCommand(host, selector.kind === 'resourceId' ? selector.value : undefined)
  return (
    `Identity not found: no managed identity with ${selector.parameter} '${selector.value}' is attached to ` +
    `${describeHost(host)}. Attach it (${fix}) or use the identifier of an identity that is attached.`
  )
}

/** Why a request without an identifier cannot be served, and what to send instead. */
export function needsIdentifierMessage(host: HostRecord, protocol: 'appService' | 'imds'): string {
  const count = host.identity.userAssignedIdentities.length
  const reason =
    protocol === 'appService'
      ? 'it has no system-assigned identity, and App Service and Container Apps never pick a user-assigned identity on their own'
      : `it has no system-assigned identity and ${count} user-assigned identities, so IMDS cannot pick one`
  return (
    `The request names no identity and ${describeHost(host)} cannot choose: ${reason}. ` +
    'Pass the identity to the credential, e.g. new ManagedIdentityCredential({ clientId }) | ({ resourceId }) | ({ objectId }).'
  )
}

/** The host has no managed identity at all. */
export function noIdentityMessage(host: HostRecord): string {
  return `Identity not found: ${describeHost(host)} has no managed identity. Attach one (${attachCommand(host)}).`
}

/** The identity endpoint path names no emulated host. */
export function unknownHostMessage(key: string): string {
  return (
    `No emulated host answers at '/${key}': the host was deleted, or this endpoint comes from another emulator ` +
    'state. Read the environment again with `uami-emulator env <hostResourceId>` (or emulator.hostEnv()).'
  )
}

/** The request used the other host kind's protocol. */
export function wrongProtocolMessage(host: HostRecord, used: 'appService' | 'imds'): string {
  const expected =
    host.kind === 'virtualMachine'
      ? 'IMDS (AZURE_POD_IDENTITY_AUTHORITY_HOST)'
      : 'the App Service protocol (IDENTITY_ENDPOINT + IDENTITY_HEADER)'
  const got = used === 'imds' ? 'IMDS' : 'the App Service protocol'
  return `${describeHost(host)} gets tokens over ${expected}, not ${got}. Use the environment from \`uami-emulator env\` for this host.`
}
