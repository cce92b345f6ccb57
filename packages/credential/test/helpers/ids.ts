/** Fixed identities for tests. None of these exist in Azure. */
export const SUBSCRIPTION_ID = '3c5e8f1a-2b4d-4c6e-8f0a-1b2c3d4e5f60'
export const TENANT_ID = '72f988bf-0000-4000-8000-000000000001'

export interface TestIdentity {
  readonly name: string
  readonly resourceGroup: string
  readonly clientId: string
  readonly objectId: string
  readonly resourceId: string
}

function identity(name: string, clientId: string, objectId: string): TestIdentity {
  return {
    name,
    resourceGroup: 'rg-uami',
    clientId,
    objectId,
    resourceId: `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-uami/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`,
  }
}

/** The identity attached to the test hosts. */
export const ATTACHED = identity(
  'id-uami-app',
  '7d1f3f2e-8c4b-4f7a-9a51-2b8e6c0d4f11',
  'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d',
)

/** An identity that exists but is attached to no host. */
export const DETACHED = identity(
  'id-uami-other',
  '11111111-2222-4333-8444-555555555555',
  '66666666-7777-4888-9999-aaaaaaaaaaaa',
)

export const WEB_APP_ID = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-web/providers/Microsoft.Web/sites/web-uami`
export const CONTAINER_APP_ID = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-aca/providers/Microsoft.App/containerApps/aca-uami`
export const VM_ID = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-vm/providers/Microsoft.Compute/virtualMachines/vm-uami`
