import type { ArmClients } from '../clients.js'
import { VerificationError } from '../errors/verification-error.js'
import { resolveLocation } from '../resource-group.js'
import {
  type AppServiceHostOptions,
  ensureAppServiceSite,
  mergeSiteAppSettings,
  readSiteIdentity,
  writeSiteIdentity,
} from './app-service.js'
import {
  type ContainerAppsHostOptions,
  ensureContainerApp,
  mergeContainerAppEnv,
  readContainerAppIdentity,
  writeContainerAppIdentity,
} from './container-apps.js'
import { type HostRef, hostRef } from './host-ref.js'
import {
  type HostIdentityState,
  type IdentityBlock,
  type IdentityBlockUpdate,
  identityState,
  isAttached,
  withoutUserAssigned,
  withUserAssigned,
} from './identity-block.js'
import { ensureVirtualMachine, readVmIdentity, type VmHostOptions, writeVmIdentity } from './vm.js'

/** Options of {@link ensureHost}: one shape per host kind. */
export type EnsureHostOptions = AppServiceHostOptions | ContainerAppsHostOptions | VmHostOptions

/** What {@link ensureHost} returns. */
export interface HostFacts extends HostRef {
  location: string
  /** `true` when this call created the host, `false` when it existed (it was left unchanged). */
  created: boolean
  /**
   * IDs of the plan / managed environment / network interface the host uses (created, reused or passed in);
   * empty for a host created with `prerequisites: 'skip'` and no explicit plan / environment / NIC.
   */
  prerequisites: string[]
}

/**
 * Creates the host the sample runs on — an App Service site (Linux, Node 22), a container app, or a Linux VM —
 * or reuses it when it exists. An existing host is never rewritten (so identities attached earlier stay).
 * With `prerequisites: 'create'` the plan / managed environment / network is created too (in Azure and in the
 * local emulator alike); with `'skip'` the host is created on its own, or on the plan / environment / NIC you
 * name.
 *
 * @param clients - From {@link createArmClients}.
 * @param options - Kind, names and kind-specific options.
 * @returns A {@link HostRef} plus location, whether it was created, and the prerequisite IDs.
 * @throws {@link InvalidOptionError} (e.g. a VM without `sshPublicKey` in Azure); {@link ResourceGroupNotFoundError};
 *   {@link ArmForbiddenError}; {@link ArmRequestError} (e.g. a site name taken in Azure).
 * @example
 * ```ts
 * const host = await ensureHost(clients, { kind: 'app-service', resourceGroup: 'rg-uami', name: 'app-uami-7f3a',
 *   prerequisites: 'create' })
 * ```
 */
export async function ensureHost(clients: ArmClients, options: EnsureHostOptions): Promise<HostFacts> {
  const ref = hostRef(clients.subscriptionId, options.kind, options.resourceGroup, options.name)
  const location = await resolveLocation(clients, options.resourceGroup, options.location)
  const result =
    options.kind === 'app-service'
      ? await ensureAppServiceSite(clients, options, location, ref)
      : options.kind === 'container-apps'
        ? await ensureContainerApp(clients, options, location, ref)
        : await ensureVirtualMachine(clients, options, location, ref)
  return { ...ref, location, ...result }
}

/**
 * Lists the identities attached to a host (read-only; the verify of the attach step).
 *
 * @throws {@link ResourceNotFoundError} when the host does not exist.
 * @example
 * ```ts
 * const state = await describeHostIdentity(clients, host)
 * console.log(state.type, state.userAssignedIdentityIds)
 * ```
 */
export async function describeHostIdentity(clients: ArmClients, host: HostRef): Promise<HostIdentityState> {
  return identityState(await readIdentity(clients, host))
}

/** What {@link attachIdentity} and {@link detachIdentity} return. */
export interface IdentityChangeResult {
  /** `false` when the host already was in the wanted state (nothing was written). */
  changed: boolean
  /** The host's identities, read back after the change. */
  identity: HostIdentityState
}

/**
 * Attaches a user-assigned identity to a host: GET the host, merge the identity into
 * `identity.userAssignedIdentities` (other identities stay; a system-assigned identity stays, the type becomes
 * `SystemAssigned, UserAssigned`), write it (PUT for App Service, PATCH for Container Apps and VMs), then read it
 * back. Idempotent: an identity already attached is not written again.
 *
 * The `az` equivalents are `az webapp identity assign --identities <id>`, `az containerapp identity assign
 * --user-assigned <id>` and `az vm identity assign --identities <id>`.
 *
 * @param clients - From {@link createArmClients}.
 * @param host - From {@link ensureHost} or {@link hostRef}.
 * @param identityId - The identity's resource ID.
 * @returns Whether it changed, and the identities read back.
 * @throws {@link ResourceNotFoundError} when the host does not exist; {@link VerificationError} when the read-back
 *   does not list the identity; {@link ArmForbiddenError} (attaching needs Managed Identity Operator on the
 *   identity plus write access to the host — Contributor covers both).
 * @example
 * ```ts
 * await attachIdentity(clients, host, identity.id)
 * ```
 */
export async function attachIdentity(
  clients: ArmClients,
  host: HostRef,
  identityId: string,
): Promise<IdentityChangeResult> {
  const current = await readIdentity(clients, host)
  if (isAttached(identityState(current), identityId))
    return { changed: false, identity: identityState(current) }
  await writeIdentity(
    clients,
    host,
    withUserAssigned(current, identityId),
    `attach identity ${identityId} to ${host.id}`,
  )
  const after = await describeHostIdentity(clients, host)
  if (!isAttached(after, identityId)) {
    throw new VerificationError({
      resourceId: host.id,
      expected: `identity.userAssignedIdentities to include ${identityId}`,
      observed: describeState(after),
      checkWith: showCommand(host),
    })
  }
  return { changed: true, identity: after }
}

/**
 * Detaches a user-assigned identity from a host, keeping the others (and a system-assigned identity). With none
 * left the type becomes `SystemAssigned` or `None`. Idempotent. Used for cleanup and for the tour's "identity
 * not attached" scenario.
 *
 * @throws {@link ResourceNotFoundError} when the host does not exist; {@link VerificationError} when the read-back
 *   still lists it.
 * @example
 * ```ts
 * await detachIdentity(clients, host, identity.id)
 * ```
 */
export async function detachIdentity(
  clients: ArmClients,
  host: HostRef,
  identityId: string,
): Promise<IdentityChangeResult> {
  const current = await readIdentity(clients, host)
  if (!isAttached(identityState(current), identityId))
    return { changed: false, identity: identityState(current) }
  const semantics = host.kind === 'app-service' ? 'replace' : 'merge-patch'
  await writeIdentity(
    clients,
    host,
    withoutUserAssigned(current, identityId, semantics),
    `detach identity ${identityId} from ${host.id}`,
  )
  const after = await describeHostIdentity(clients, host)
  if (isAttached(after, identityId)) {
    throw new VerificationError({
      resourceId: host.id,
      expected: `identity.userAssignedIdentities not to include ${identityId}`,
      observed: describeState(after),
      checkWith: showCommand(host),
    })
  }
  return { changed: true, identity: after }
}

/** What {@link ensureAppSettings} did. */
export interface AppSettingsResult {
  /** `false` for a VM: its environment lives in the systemd unit on the machine, not in ARM. */
  applied: boolean
  /** For a VM, where to put the settings instead (see `azCommands.appSettings`). */
  note?: string
}

/**
 * Merges app settings into a host: App Service app settings (`config/appsettings`: list, merge, replace), or the
 * container app's first container's environment variables (a new revision). Works against Azure and the local
 * emulator, whose `hostEnv(host.id)` then includes them as Azure injects them. A VM has no ARM-level app
 * settings: nothing is sent and `applied` is `false` — use the systemd drop-in from
 * `azCommands.appSettings({ kind: 'vm', … })`.
 *
 * @example
 * ```ts
 * await ensureAppSettings(clients, host, { AZURE_CLIENT_ID: identity.clientId, APP_CONFIG_ENDPOINT: store.endpoint })
 * ```
 */
export async function ensureAppSettings(
  clients: ArmClients,
  host: HostRef,
  settings: Readonly<Record<string, string>>,
): Promise<AppSettingsResult> {
  if (host.kind === 'app-service') await mergeSiteAppSettings(clients, host, settings)
  else if (host.kind === 'container-apps') await mergeContainerAppEnv(clients, host, settings)
  else {
    return {
      applied: false,
      note: "A VM has no app settings in ARM: set the variables in the sample's systemd unit (a drop-in with Environment= lines; see azCommands.appSettings).",
    }
  }
  return { applied: true }
}

async function readIdentity(clients: ArmClients, host: HostRef): Promise<IdentityBlock | undefined> {
  if (host.kind === 'app-service') return readSiteIdentity(clients, host)
  if (host.kind === 'container-apps') return readContainerAppIdentity(clients, host)
  return readVmIdentity(clients, host)
}

async function writeIdentity(
  clients: ArmClients,
  host: HostRef,
  identity: IdentityBlockUpdate,
  operation: string,
) {
  if (host.kind === 'app-service') return writeSiteIdentity(clients, host, identity, operation)
  if (host.kind === 'container-apps') return writeContainerAppIdentity(clients, host, identity, operation)
  return writeVmIdentity(clients, host, identity, operation)
}

function describeState(state: HostIdentityState): string {
  return `type "${state.type}" with ${state.userAssignedIdentityIds.length === 0 ? 'no user-assigned identities' : state.userAssignedIdentityIds.join(', ')}`
}

function showCommand(host: HostRef): string {
  const group =
    host.kind === 'app-service' ? 'webapp' : host.kind === 'container-apps' ? 'containerapp' : 'vm'
  return `az ${group} identity show -g ${host.resourceGroup} -n ${host.name}`
}
