/**
 * ARM resource IDs the steps build and compare. ARM compares IDs case-insensitively and returns them in mixed
 * casing (`resourcegroups` vs `resourceGroups`), so every comparison goes through {@link sameResourceId}.
 */

/** The ID of a resource group. */
export function resourceGroupId(subscriptionId: string, resourceGroup: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`
}

/**
 * The ID of a resource directly under a provider in a resource group.
 *
 * @param subscriptionId - Subscription GUID.
 * @param resourceGroup - Resource group name.
 * @param type - `Namespace/type`, e.g. `Microsoft.ManagedIdentity/userAssignedIdentities`.
 * @param name - Resource name (for child resources, `parent/type/child` after the namespace type).
 * @returns `/subscriptions/{sub}/resourceGroups/{rg}/providers/{type}/{name}`.
 * @example
 * ```ts
 * providerResourceId(sub, 'rg-uami', 'Microsoft.Web/sites', 'app-uami')
 * ```
 */
export function providerResourceId(
  subscriptionId: string,
  resourceGroup: string,
  type: string,
  name: string,
): string {
  return `${resourceGroupId(subscriptionId, resourceGroup)}/providers/${type}/${name}`
}

/**
 * Tells whether two ARM resource IDs name the same resource: case-insensitive, ignoring repeated and trailing
 * slashes.
 *
 * @example
 * ```ts
 * sameResourceId('/subscriptions/S/resourcegroups/rg/…', '/subscriptions/s/resourceGroups/RG/…') // true
 * ```
 */
export function sameResourceId(a: string, b: string): boolean {
  return normalizeResourceId(a) === normalizeResourceId(b)
}

/** Lower-cased, single-slashed, no trailing slash: the form to compare ARM IDs by. */
export function normalizeResourceId(id: string): string {
  return `/${id.split('/').filter(Boolean).join('/')}`.toLowerCase()
}

/** The last segment of an ID (a resource name or a role definition GUID). */
export function lastSegment(id: string): string {
  const parts = id.split('/').filter(Boolean)
  return parts[parts.length - 1] ?? ''
}

/** The resource group named in an ARM ID, or `undefined`. */
export function resourceGroupOf(id: string): string | undefined {
  const parts = id.split('/').filter(Boolean)
  const index = parts.findIndex((part) => part.toLowerCase() === 'resourcegroups')
  return index === -1 ? undefined : parts[index + 1]
}
