/**
 * The tutorial's Azure steps as ARM SDK calls — resource group, App Configuration store and settings,
 * user-assigned identity, host with the identity attached, App Configuration Data Reader role assignment — the
 * same code against a real subscription and the local emulator. Every `ensure…` step is idempotent and returns
 * the facts later steps need; `azCommands` renders the equivalent Azure CLI commands.
 *
 * @packageDocumentation
 */
export {
  APP_CONFIGURATION_STORE_TYPE,
  type AppConfigurationSku,
  type AppConfigurationStoreFacts,
  type EnsureAppConfigurationStoreOptions,
  ensureAppConfigurationStore,
  getAppConfigurationStoreOptional,
} from './app-configuration-store.js'
export {
  azCommands,
  environmentFileScript,
  type HostNames,
  VM_ENVIRONMENT_FILE,
} from './az/az-commands.js'
export { renderCommand, shellQuote } from './az/shell-quote.js'
export {
  type ArmClients,
  type CreateArmClientsOptions,
  createArmClients,
  createDataPlaneClient,
} from './clients.js'
export { ArmForbiddenError, type ArmForbiddenErrorDetails } from './errors/arm-forbidden-error.js'
export { ArmRequestError } from './errors/arm-request-error.js'
export {
  type ProvisionErrorCatalogueEntry,
  type ProvisionErrorCode,
  provisionErrorCatalogue,
} from './errors/catalogue.js'
export { DataPlaneForbiddenError } from './errors/data-plane-forbidden-error.js'
export { InvalidOptionError } from './errors/invalid-option-error.js'
export { PrincipalNotFoundError } from './errors/principal-not-found-error.js'
export { isProvisionError, ProvisionError, type ProvisionErrorParts } from './errors/provision-error.js'
export { ResourceGroupNotFoundError } from './errors/resource-group-not-found-error.js'
export { ResourceNotFoundError } from './errors/resource-not-found-error.js'
export { RoleDefinitionNotFoundError } from './errors/role-definition-not-found-error.js'
export { SignedInPrincipalError } from './errors/signed-in-principal-error.js'
export { VerificationError } from './errors/verification-error.js'
export { APP_SERVICE_RUNTIME, type AppServiceHostOptions } from './hosts/app-service.js'
export { type ContainerAppsHostOptions, QUICKSTART_IMAGE } from './hosts/container-apps.js'
export {
  type AppSettingsResult,
  attachIdentity,
  describeHostIdentity,
  detachIdentity,
  type EnsureHostOptions,
  ensureAppSettings,
  ensureHost,
  type HostFacts,
  type IdentityChangeResult,
} from './hosts/host.js'
export { HOST_KINDS, HOST_RESOURCE_TYPES, type HostKind, type HostRef, hostRef } from './hosts/host-ref.js'
export {
  type HostIdentityState,
  type IdentityBlock,
  type IdentityBlockUpdate,
  withoutUserAssigned,
  withUserAssigned,
} from './hosts/identity-block.js'
export { NETWORK_API_VERSION, type VmNetworkOptions } from './hosts/network.js'
export { UBUNTU_IMAGE, type VmHostOptions } from './hosts/vm.js'
export {
  deleteUserAssignedIdentity,
  type EnsureUserAssignedIdentityOptions,
  ensureUserAssignedIdentity,
  getUserAssignedIdentityOptional,
  USER_ASSIGNED_IDENTITY_TYPE,
  type UserAssignedIdentityFacts,
} from './identity.js'
export {
  type DeveloperSignIn,
  type LocalAzureSignInFacts,
  type SignInAsDeveloperOptions,
  signInAsDeveloper,
} from './local-sign-in.js'
export { ARM_SCOPE, getSignedInPrincipal, type PrincipalType, type SignedInPrincipal } from './principal.js'
export {
  type ProvisionedSample,
  type ProvisionSampleOptions,
  type ProvisionStep,
  type ProvisionStepEvent,
  provisionSample,
  type SampleHostOptions,
  type SampleNames,
} from './provision-sample.js'
export {
  type DeleteResourceGroupOptions,
  type DeleteResourceGroupResult,
  deleteResourceGroup,
  type EnsureResourceGroupOptions,
  ensureResourceGroup,
  getResourceGroupOptional,
  type ResourceGroupFacts,
} from './resource-group.js'
export { providerResourceId, resourceGroupId, sameResourceId } from './resource-ids.js'
export type { RetryOptions, WaitInfo } from './retry.js'
export {
  type EnsureRoleAssignmentOptions,
  ensureRoleAssignment,
  type FindRoleAssignmentsOptions,
  findRoleAssignments,
  type RemoveRoleAssignmentTarget,
  type RoleAssignmentFacts,
  removeRoleAssignment,
  roleAssignmentName,
} from './role-assignments.js'
export { BUILT_IN_ROLES, type BuiltInRoleName, type RoleRef, resolveRole, roleDefinitionId } from './roles.js'
export {
  IDENTIFIER_VARIABLES,
  type IdentifierKind,
  SAMPLE_IDENTIFIER_KINDS,
  type SampleIdentifier,
  sampleIdentifier,
} from './sample-identifier.js'
export {
  type DataPlaneTarget,
  DEFAULT_SENTINEL_KEY,
  readSettings,
  type SeedSettingsOptions,
  type SeedSettingsResult,
  type SettingInput,
  type SettingsInput,
  seedSettings,
} from './settings.js'
