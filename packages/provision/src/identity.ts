import type { Identity } from '@azure/arm-msi'
import type { ArmClients } from './clients.js'
import { armCall, armDelete, armGetOptional } from './errors/arm-error-mapping.js'
import { InvalidOptionError } from './errors/invalid-option-error.js'
import { resolveLocation } from './resource-group.js'
import { providerResourceId } from './resource-ids.js'

/** ARM type of a user-assigned managed identity. */
export const USER_ASSIGNED_IDENTITY_TYPE = 'Microsoft.ManagedIdentity/userAssignedIdentities'

/**
 * The three identifiers of a user-assigned identity (and where each one is used), plus its tenant.
 * - `clientId` → `AZURE_CLIENT_ID` / `ManagedIdentityCredential({ clientId })` (App Service sample).
 * - `id` (resource ID) → `AZURE_MANAGED_IDENTITY_RESOURCE_ID` / `({ resourceId })` (Container Apps sample), and
 *   what a host's `identity.userAssignedIdentities` lists.
 * - `principalId` (object ID) → `AZURE_MANAGED_IDENTITY_OBJECT_ID` / `({ objectId })` (VM sample), and the
 *   assignee of role assignments.
 */
export interface UserAssignedIdentityFacts {
  /** Resource ID. */
  id: string
  name: string
  resourceGroup: string
  location: string
  /** Application (client) ID: `appid` in its tokens. */
  clientId: string
  /** Service principal object ID: `oid` in its tokens; the assignee of role assignments. */
  principalId: string
  tenantId: string
}

/** Options of {@link ensureUserAssignedIdentity}. */
export interface EnsureUserAssignedIdentityOptions {
  resourceGroup: string
  /** 3–128 characters: letters, digits, `-` and `_`, starting with a letter or digit. */
  name: string
  /** Default: the resource group's location. */
  location?: string | undefined
  tags?: Record<string, string> | undefined
}

/**
 * Creates the user-assigned managed identity, or reuses it when it exists (its client and principal IDs never
 * change while it exists). The `az` equivalent is `az identity create -g <rg> -n <name>`.
 *
 * @param clients - From {@link createArmClients}.
 * @param options - Resource group, name, optional location and tags.
 * @returns The identity's resource ID, clientId, principalId and tenantId, and whether this call created it.
 * @throws {@link ResourceGroupNotFoundError} when the group does not exist; {@link ArmForbiddenError} without
 *   Contributor (or Managed Identity Contributor) on the group.
 * @example
 * ```ts
 * const identity = await ensureUserAssignedIdentity(clients, { resourceGroup: 'rg-uami', name: 'id-uami' })
 * console.log(identity.clientId, identity.principalId, identity.id)
 * ```
 */
export async function ensureUserAssignedIdentity(
  clients: ArmClients,
  options: EnsureUserAssignedIdentityOptions,
): Promise<UserAssignedIdentityFacts & { created: boolean }> {
  validateIdentityName(options.name)
  const existing = await getUserAssignedIdentityOptional(clients, options.resourceGroup, options.name)
  if (existing) return { ...existing, created: false }
  const location = await resolveLocation(clients, options.resourceGroup, options.location)
  const created = await armCall(
    {
      operation: `create user-assigned identity "${options.name}"`,
      subscriptionId: clients.subscriptionId,
      resourceGroup: options.resourceGroup,
      requiredRole: 'Managed Identity Contributor or Contributor',
      suggestedRole: 'Managed Identity Contributor',
    },
    () =>
      clients.msi.userAssignedIdentities.createOrUpdate(options.resourceGroup, options.name, {
        location,
        ...(options.tags ? { tags: options.tags } : {}),
      }),
  )
  return { ...toFacts(clients, options.resourceGroup, options.name, created), created: true }
}

/**
 * Reads a user-assigned identity, or `undefined` when it does not exist.
 *
 * @throws {@link ResourceGroupNotFoundError} when the group does not exist.
 * @example
 * ```ts
 * const identity = await getUserAssignedIdentityOptional(clients, 'rg-uami', 'id-uami')
 * ```
 */
export async function getUserAssignedIdentityOptional(
  clients: ArmClients,
  resourceGroup: string,
  name: string,
): Promise<UserAssignedIdentityFacts | undefined> {
  const identity = await armGetOptional(
    {
      operation: `read user-assigned identity "${name}"`,
      subscriptionId: clients.subscriptionId,
      resourceGroup,
      resourceId: providerResourceId(
        clients.subscriptionId,
        resourceGroup,
        USER_ASSIGNED_IDENTITY_TYPE,
        name,
      ),
    },
    () => clients.msi.userAssignedIdentities.get(resourceGroup, name),
  )
  return identity ? toFacts(clients, resourceGroup, name, identity) : undefined
}

/**
 * Deletes a user-assigned identity. Idempotent: returns `false` when it did not exist. Hosts that still list it keep a dangling reference: detach it
 * first ({@link detachIdentity}).
 *
 * @example
 * ```ts
 * await deleteUserAssignedIdentity(clients, 'rg-uami', 'id-uami')
 * ```
 */
export async function deleteUserAssignedIdentity(
  clients: ArmClients,
  resourceGroup: string,
  name: string,
): Promise<boolean> {
  // ARM answers 204 to a DELETE of a missing identity: look first to report whether it existed.
  if (!(await getUserAssignedIdentityOptional(clients, resourceGroup, name))) return false
  return armDelete(
    {
      operation: `delete user-assigned identity "${name}"`,
      subscriptionId: clients.subscriptionId,
      resourceGroup,
    },
    () => clients.msi.userAssignedIdentities.delete(resourceGroup, name),
  )
}

function toFacts(
  clients: ArmClients,
  resourceGroup: string,
  name: string,
  identity: Identity,
): UserAssignedIdentityFacts {
  return {
    id:
      identity.id ??
      providerResourceId(clients.subscriptionId, resourceGroup, USER_ASSIGNED_IDENTITY_TYPE, name),
    name: identity.name ?? name,
    resourceGroup,
    location: identity.location,
    clientId: identity.clientId ?? '',
    principalId: identity.principalId ?? '',
    tenantId: identity.tenantId ?? '',
  }
}

const IDENTITY_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}$/

function validateIdentityName(name: string): void {
  if (!IDENTITY_NAME.test(name)) {
    throw new InvalidOptionError({
      option: 'name',
      problem: `"${name}" is not a valid user-assigned identity name (3–128 letters, digits, "-" and "_", starting with a letter or digit).`,
      fix: 'Choose a name such as id-uami-app-service.',
    })
  }
}
