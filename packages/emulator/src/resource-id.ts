/**
 * ARM resource IDs: parsing, comparison and scope containment. ARM treats IDs case-insensitively and the ARM
 * clients are not consistent (`resourcegroups` vs `resourceGroups`, `//subscriptions` from arm-authorization),
 * so everything compares on {@link normalizeId}.
 */

export interface ParsedResourceId {
  /** The ID with repeated slashes collapsed and no trailing slash; casing as given. */
  id: string
  subscriptionId: string
  resourceGroup?: string
  /** Provider namespace, e.g. `Microsoft.ManagedIdentity`. */
  namespace?: string
  /** Type path below the namespace, e.g. `userAssignedIdentities` or `configurationStores/keyValues`. */
  types: string[]
  /** Names matching {@link types}, e.g. `['my-identity']`. */
  names: string[]
}

/** Collapses repeated slashes, drops a trailing slash and lower-cases: the form to compare and key maps by. */
export function normalizeId(id: string): string {
  return collapse(id).toLowerCase()
}

function collapse(id: string): string {
  const collapsed = `/${id.split('/').filter(Boolean).join('/')}`
  return collapsed
}

/**
 * Parses `/subscriptions/{sub}[/resourceGroups/{rg}][/providers/{ns}/{type}/{name}[/{type}/{name}]...]`.
 * Returns `undefined` when the shape is wrong (odd type/name pairs, unknown leading segment, empty names).
 */
export function parseResourceId(id: string): ParsedResourceId | undefined {
  const parts = id.split('/').filter(Boolean)
  if (parts.length < 2 || parts[0]?.toLowerCase() !== 'subscriptions') return undefined
  const subscriptionId = parts[1] as string
  const result: ParsedResourceId = { id: collapse(id), subscriptionId, types: [], names: [] }
  let i = 2
  if (parts[i]?.toLowerCase() === 'resourcegroups') {
    const rg = parts[i + 1]
    if (!rg) return undefined
    result.resourceGroup = rg
    i += 2
  }
  if (i === parts.length) return result
  if (parts[i]?.toLowerCase() !== 'providers') return undefined
  const namespace = parts[i + 1]
  if (!namespace) return undefined
  result.namespace = namespace
  i += 2
  const rest = parts.slice(i)
  if (rest.length === 0 || rest.length % 2 !== 0) return undefined
  for (let j = 0; j < rest.length; j += 2) {
    result.types.push(rest[j] as string)
    result.names.push(rest[j + 1] as string)
  }
  return result
}

/** `Microsoft.Web/sites`-style full type of a parsed ID, or `undefined` for subscription/resource-group IDs. */
export function fullType(parsed: ParsedResourceId): string | undefined {
  return parsed.namespace ? [parsed.namespace, ...parsed.types].join('/') : undefined
}

/** True when `resourceId` equals `scope` or lies below it (segment-wise, case-insensitive). */
export function isWithinScope(resourceId: string, scope: string): boolean {
  const resource = normalizeId(resourceId)
  const s = normalizeId(scope)
  if (s === '/') return true
  return resource === s || resource.startsWith(`${s}/`)
}

/** Builds a resource ID in ARM's canonical casing. */
export function resourceId(
  subscriptionId: string,
  resourceGroup: string,
  namespaceAndType: string,
  name: string,
): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${namespaceAndType}/${name}`
}
