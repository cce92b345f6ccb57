import { randomUUID } from 'node:crypto'
import { AppConfigurationManagementClient } from '@azure/arm-appconfiguration'
import { AuthorizationManagementClient } from '@azure/arm-authorization'
import { ManagedServiceIdentityClient } from '@azure/arm-msi'
import { ResourceManagementClient } from '@azure/arm-resources'
import type { RunningEmulator } from '../../src/index.ts'
import { developerCredential } from './emulator.ts'

/**
 * The user's flow for an App Configuration store, through the real `@azure/arm-*` clients signed in as the
 * developer (subscription Owner): resource group, store (its data-plane endpoint comes back in
 * `properties.endpoint`), user-assigned identities (principals that role assignments can name), role assignments.
 */
export interface AppConfigArm {
  /** Creates (or updates) a resource group. */
  createResourceGroup(name: string): Promise<string>
  /** Creates a store in an existing resource group; returns its resource ID and data-plane endpoint. */
  createStore(resourceGroup: string, name: string): Promise<{ id: string; endpoint: string }>
  /** Deletes a store. */
  deleteStore(resourceGroup: string, name: string): Promise<void>
  /** Creates a user-assigned identity; returns its resource ID and service principal (object) ID. */
  createIdentity(resourceGroup: string, name: string): Promise<{ id: string; principalId: string }>
  /** Assigns a built-in role (GUID) to a service principal at a scope; returns the assignment ID. */
  assignRole(principalId: string, roleGuid: string, scope: string): Promise<string>
  /** Deletes a role assignment by ID. */
  deleteRoleAssignment(id: string): Promise<void>
}

/** ARM helpers bound to an emulator. */
export function appConfigArm(emulator: RunningEmulator): AppConfigArm {
  const credential = developerCredential(emulator)
  const options = { endpoint: emulator.armEndpoint }
  const resources = new ResourceManagementClient(credential, emulator.subscriptionId, options)
  const stores = new AppConfigurationManagementClient(credential, emulator.subscriptionId, options)
  const authorization = new AuthorizationManagementClient(credential, emulator.subscriptionId, options)
  const identities = new ManagedServiceIdentityClient(credential, emulator.subscriptionId, options)
  return {
    async createResourceGroup(name) {
      const group = await resources.resourceGroups.createOrUpdate(name, { location: 'eastus' })
      return group.id as string
    },
    async createStore(resourceGroup, name) {
      const store = await stores.configurationStores.beginCreateAndWait(
        resourceGroup,
        name,
        { location: 'eastus', sku: { name: 'standard' } },
        { updateIntervalInMs: 10 },
      )
      return { id: store.id as string, endpoint: store.endpoint as string }
    },
    async deleteStore(resourceGroup, name) {
      await stores.configurationStores.beginDeleteAndWait(resourceGroup, name, { updateIntervalInMs: 10 })
    },
    async createIdentity(resourceGroup, name) {
      const identity = await identities.userAssignedIdentities.createOrUpdate(resourceGroup, name, {
        location: 'eastus',
      })
      return { id: identity.id as string, principalId: identity.principalId as string }
    },
    async assignRole(principalId, roleGuid, scope) {
      const assignment = await authorization.roleAssignments.create(scope, randomUUID(), {
        roleDefinitionId: `/subscriptions/${emulator.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}`,
        principalId,
        principalType: 'ServicePrincipal',
      })
      return assignment.id as string
    },
    async deleteRoleAssignment(id) {
      await authorization.roleAssignments.deleteById(id)
    },
  }
}
