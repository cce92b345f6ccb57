/**
 * The emulator's persisted state: everything ARM and App Configuration know about. One JSON document per state
 * directory, written atomically by {@link StateStore}. Records keep the casing callers used; maps are keyed by
 * the lower-cased resource ID (ARM IDs are case-insensitive).
 */

/** The three host kinds the tutorial deploys to. */
export type HostKind = 'site' | 'containerApp' | 'virtualMachine'

/** ARM type string for each host kind. */
export const hostResourceTypes: Record<HostKind, string> = {
  site: 'Microsoft.Web/sites',
  containerApp: 'Microsoft.App/containerApps',
  virtualMachine: 'Microsoft.Compute/virtualMachines',
}

export interface ResourceGroupRecord {
  id: string
  name: string
  location: string
  tags: Record<string, string>
  createdAt: string
}

export interface IdentityRecord {
  id: string
  name: string
  resourceGroup: string
  location: string
  tags: Record<string, string>
  tenantId: string
  /** The identity's application (client) ID: `appid` in its tokens. */
  clientId: string
  /** The identity's service principal object ID: `oid`/`sub` in its tokens, the assignee of role assignments. */
  principalId: string
  createdAt: string
}

export interface StoreRecord {
  id: string
  name: string
  resourceGroup: string
  location: string
  tags: Record<string, string>
  sku: string
  /** Data-plane endpoint, `https://127.0.0.1:{port}` — each store has its own origin (PROTOCOLS.md). */
  endpoint: string
  port: number
  /** Properties the caller sent that the emulator does not model, echoed back. */
  extraProperties: Record<string, unknown>
  /** Top-level fields the caller sent that the emulator does not model (e.g. `kind`, `plan`), echoed back. */
  extraFields?: Record<string, unknown>
  createdAt: string
}

/** A host's `identity` block as ARM stores it. */
export interface HostIdentity {
  /** `None`, `SystemAssigned`, `UserAssigned` or `SystemAssigned, UserAssigned`, as the caller sent it. */
  type: string
  /** Resource IDs of attached user-assigned identities, casing as sent. */
  userAssignedIdentities: string[]
  /** Present when a system-assigned identity is enabled. */
  systemAssigned?: { principalId: string; clientId: string; tenantId: string }
}

export interface HostRecord {
  id: string
  kind: HostKind
  name: string
  resourceGroup: string
  location: string
  tags: Record<string, string>
  identity: HostIdentity
  /** Properties the caller sent that the emulator does not model, echoed back. */
  extraProperties: Record<string, unknown>
  /** Top-level fields the caller sent that the emulator does not model (e.g. a site's `kind`), echoed back. */
  extraFields?: Record<string, unknown>
  /**
   * A site's app settings (`config/appsettings`, or `siteConfig.appSettings` in a site PUT), name → value. Absent
   * for other kinds (a container app's variables live in `extraProperties.template.containers[].env`).
   */
  appSettings?: Record<string, string>
  /** Secret for `X-IDENTITY-HEADER` (sites and container apps). Never logged. */
  identityHeader: string
  /** Lower-case key that names this host in its IMDS path (MSAL lower-cases the IMDS URL). */
  imdsKey: string
  createdAt: string
}

/**
 * A resource a host runs on (App Service plan, Container Apps environment, network, workspace, registry): tracked
 * leniently — the emulator stores what the caller sent and echoes it back with `provisioningState: 'Succeeded'`.
 */
export interface PrerequisiteRecord {
  id: string
  /** Canonical `Namespace/type`, e.g. `Microsoft.Web/serverfarms`. */
  type: string
  name: string
  resourceGroup: string
  location: string
  tags: Record<string, string>
  /** Properties the caller sent, echoed back. */
  extraProperties: Record<string, unknown>
  /** Top-level fields the caller sent (`sku`, `kind`, ...), echoed back. */
  extraFields: Record<string, unknown>
  /** A virtual network's subnets (child resources), in order: name as sent and the subnet's properties. */
  subnets?: { name: string; properties: Record<string, unknown> }[]
  createdAt: string
}

export interface RoleAssignmentRecord {
  id: string
  name: string
  scope: string
  roleDefinitionId: string
  principalId: string
  principalType: string
  description: string | null
  createdOn: string
}

export interface KeyValueRecord {
  key: string
  label: string | null
  value: string | null
  contentType: string | null
  /** App Configuration tag values may be null (`tags=name=%00` finds them). */
  tags: Record<string, string | null>
  locked: boolean
  etag: string
  lastModified: string
}

/** The developer principal seeded in every state: a service principal with a client secret. */
export interface DeveloperPrincipal {
  clientId: string
  clientSecret: string
  objectId: string
  displayName: string
}

export interface EmulatorStateData {
  schemaVersion: 1
  tenantId: string
  subscriptionId: string
  subscriptionName: string
  developer: DeveloperPrincipal
  /** Keyed by lower-cased resource group name. */
  resourceGroups: Record<string, ResourceGroupRecord>
  /** Keyed by lower-cased resource ID. */
  identities: Record<string, IdentityRecord>
  stores: Record<string, StoreRecord>
  hosts: Record<string, HostRecord>
  /**
   * Prerequisite resources of hosts, keyed by lower-cased resource ID. Optional: state written by an emulator
   * that did not model them has none.
   */
  resources?: Record<string, PrerequisiteRecord>
  roleAssignments: Record<string, RoleAssignmentRecord>
  /** Store lower-cased ID → {@link kvKey} → record. */
  keyValues: Record<string, Record<string, KeyValueRecord>>
  /** Monotonic sequence number for App Configuration `Sync-Token` and etags. */
  sequence: number
  /**
   * Ports the emulator listened on last time. Reused on restart when free, so endpoints printed by
   * `uami-emulator env` and stored in ARM (store endpoints) stay valid across restarts.
   */
  ports?: { arm: number; identity: number }
}

/**
 * The map key of a key-value. App Configuration treats the empty label as "no label" (`null`), so callers
 * normalise `''` to `null` before storing; both map to the same key here.
 */
export function kvKey(key: string, label: string | null): string {
  return `${key}\u0000${label ?? ''}`
}
