/**
 * Built-in role definitions the emulator knows. IDs and permissions are Azure's (azure-docs built-in-roles;
 * App Configuration data actions from PROTOCOLS.md §6). Only what the tutorial touches is modelled.
 */

/** A built-in role definition: its GUID, name and permissions (one permission block, as Azure's built-ins have). */
export interface RoleDefinition {
  /** The role definition's GUID (the last segment of its ID). */
  name: string
  roleName: string
  description: string
  actions: string[]
  notActions: string[]
  dataActions: string[]
  notDataActions: string[]
}

/** App Configuration Data Reader: read key-values (data plane). */
export const APP_CONFIGURATION_DATA_READER = '516239f1-63e1-4d78-a4de-a74fb236a071'
/** App Configuration Data Owner: read, write and delete key-values (data plane). */
export const APP_CONFIGURATION_DATA_OWNER = '5ae67dd6-50cb-40e7-96ff-dc2bfa4b606b'
/** Owner: every control-plane action, including role assignments. */
export const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'
/** Contributor: every control-plane action except managing access (the `Microsoft.Authorization` write and delete actions). */
export const CONTRIBUTOR = 'b24988ac-6180-42a0-ab88-20f7382dd24c'
/** Reader: every control-plane read action. */
export const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'
/** User Access Administrator: reads and manages role assignments. */
export const USER_ACCESS_ADMINISTRATOR = '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9'
/** Managed Identity Operator: reads and assigns user-assigned identities. */
export const MANAGED_IDENTITY_OPERATOR = 'f1a07417-d97a-45cb-824c-7a7467783830'

/** Every built-in role the emulator knows (role definitions answer with these). */
export const builtInRoles: readonly RoleDefinition[] = [
  {
    name: OWNER,
    roleName: 'Owner',
    description:
      'Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.',
    actions: ['*'],
    notActions: [],
    dataActions: [],
    notDataActions: [],
  },
  {
    name: CONTRIBUTOR,
    roleName: 'Contributor',
    description:
      'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC.',
    actions: ['*'],
    notActions: [
      'Microsoft.Authorization/*/Delete',
      'Microsoft.Authorization/*/Write',
      'Microsoft.Authorization/elevateAccess/Action',
    ],
    dataActions: [],
    notDataActions: [],
  },
  {
    name: READER,
    roleName: 'Reader',
    description: 'View all resources, but does not allow you to make any changes.',
    actions: ['*/read'],
    notActions: [],
    dataActions: [],
    notDataActions: [],
  },
  {
    name: USER_ACCESS_ADMINISTRATOR,
    roleName: 'User Access Administrator',
    description: 'Lets you manage user access to Azure resources.',
    actions: ['*/read', 'Microsoft.Authorization/*'],
    notActions: [],
    dataActions: [],
    notDataActions: [],
  },
  {
    name: MANAGED_IDENTITY_OPERATOR,
    roleName: 'Managed Identity Operator',
    description: 'Read and Assign User Assigned Identity',
    actions: [
      'Microsoft.ManagedIdentity/userAssignedIdentities/*/read',
      'Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action',
      'Microsoft.Authorization/*/read',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
    ],
    notActions: [],
    dataActions: [],
    notDataActions: [],
  },
  {
    name: APP_CONFIGURATION_DATA_OWNER,
    roleName: 'App Configuration Data Owner',
    description: 'Allows full access to App Configuration data.',
    actions: [],
    notActions: [],
    dataActions: [
      'Microsoft.AppConfiguration/configurationStores/*/read',
      'Microsoft.AppConfiguration/configurationStores/*/write',
      'Microsoft.AppConfiguration/configurationStores/*/delete',
      'Microsoft.AppConfiguration/configurationStores/*/action',
    ],
    notDataActions: [],
  },
  {
    name: APP_CONFIGURATION_DATA_READER,
    roleName: 'App Configuration Data Reader',
    description: 'Allows read access to App Configuration data.',
    actions: [],
    notActions: [],
    dataActions: ['Microsoft.AppConfiguration/configurationStores/*/read'],
    notDataActions: [],
  },
]

/** Finds a built-in role by GUID or by a full role definition ID ending in that GUID (case-insensitive). */
export function findRole(roleDefinitionIdOrName: string): RoleDefinition | undefined {
  const guid = roleDefinitionIdOrName.split('/').filter(Boolean).at(-1)?.toLowerCase()
  return builtInRoles.find((role) => role.name === guid)
}
