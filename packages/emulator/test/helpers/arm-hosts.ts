import type { ArmClients } from './arm-clients.ts'
import { lro } from './arm-clients.ts'

/** The identity block every host SDK model shares (ManagedServiceIdentity / VirtualMachineIdentity). */
export interface HostIdentityInput {
  type: string
  userAssignedIdentities?: Record<string, Record<string, never>>
}

/** What the host SDK models return, reduced to what the tests check. */
export interface HostResult {
  id?: string
  name?: string
  location?: string
  tags?: Record<string, string>
  identity?: {
    type?: string
    principalId?: string
    tenantId?: string
    userAssignedIdentities?: Record<string, { principalId?: string; clientId?: string }>
  }
}

/** One host kind driven through its real SDK client: the calls the tour makes. */
export interface HostDriver {
  kind: 'site' | 'containerApp' | 'virtualMachine'
  type: string
  /** A valid name with this prefix. */
  name(prefix: string): string
  create(
    rg: string,
    name: string,
    body: { location: string; identity?: HostIdentityInput },
  ): Promise<HostResult>
  get(rg: string, name: string): Promise<HostResult>
  update(
    rg: string,
    name: string,
    body: { location: string; identity?: HostIdentityInput; tags?: Record<string, string> },
  ): Promise<HostResult>
  remove(rg: string, name: string): Promise<void>
  /** A name that breaks this kind's naming rule. */
  invalidName: string
}

// The SDK models type `identity.type` as a union of known strings; the tests also send other casings.
// biome-ignore lint/suspicious/noExplicitAny: widened request bodies for the SDK calls
type Loose = any

/** Drivers for `@azure/arm-appservice`, `@azure/arm-appcontainers` and `@azure/arm-compute`. */
export function hostDrivers(arm: ArmClients): HostDriver[] {
  return [
    {
      kind: 'site',
      type: 'Microsoft.Web/sites',
      name: (prefix) => `${prefix}-web`,
      create: (rg, name, body) => arm.web.webApps.beginCreateOrUpdateAndWait(rg, name, body as Loose, lro),
      get: (rg, name) => arm.web.webApps.get(rg, name),
      update: (rg, name, body) => arm.web.webApps.update(rg, name, body as Loose),
      remove: (rg, name) => arm.web.webApps.delete(rg, name),
      invalidName: 'web_app',
    },
    {
      kind: 'containerApp',
      type: 'Microsoft.App/containerApps',
      name: (prefix) => `${prefix.toLowerCase()}-ca`,
      create: (rg, name, body) =>
        arm.containerApps.containerApps.beginCreateOrUpdateAndWait(rg, name, body as Loose, lro),
      get: (rg, name) => arm.containerApps.containerApps.get(rg, name),
      update: (rg, name, body) =>
        arm.containerApps.containerApps.beginUpdateAndWait(rg, name, body as Loose, lro),
      remove: (rg, name) => arm.containerApps.containerApps.beginDeleteAndWait(rg, name, lro),
      invalidName: 'Ca-Upper',
    },
    {
      kind: 'virtualMachine',
      type: 'Microsoft.Compute/virtualMachines',
      name: (prefix) => `${prefix}-vm`,
      create: (rg, name, body) =>
        arm.compute.virtualMachines.beginCreateOrUpdateAndWait(rg, name, body as Loose, lro),
      get: (rg, name) => arm.compute.virtualMachines.get(rg, name),
      update: (rg, name, body) =>
        arm.compute.virtualMachines.beginUpdateAndWait(rg, name, body as Loose, lro),
      remove: (rg, name) => arm.compute.virtualMachines.beginDeleteAndWait(rg, name, lro),
      invalidName: 'vm-ends-with-hyphen-',
    },
  ]
}
