import { ArmError, invalidRequestUri, invalidSubscriptionId, subscriptionNotFound } from './errors.js'

/**
 * What an ARM request path addresses. ARM paths are case-insensitive (`resourcegroups` from arm-resources,
 * `resourceGroups` from the others) and `@azure/arm-authorization` sends `//subscriptions/...`; names keep the
 * casing the caller used.
 */
export type ArmRoute =
  | { kind: 'tenants' }
  | { kind: 'subscriptions' }
  | { kind: 'subscription'; subscriptionId: string }
  | { kind: 'providers'; subscriptionId: string }
  | { kind: 'provider'; subscriptionId: string; namespace: string; action?: string }
  | { kind: 'resourceGroups'; subscriptionId: string }
  | { kind: 'resourceGroup'; subscriptionId: string; resourceGroup: string }
  /** A collection of a tracked type, in a resource group or (without `resourceGroup`) the subscription. */
  | { kind: 'collection'; subscriptionId: string; resourceGroup?: string; type: string }
  /** A tracked resource (or a child of one) in a resource group: `names` pair with `types`. */
  | {
      kind: 'resource'
      subscriptionId: string
      resourceGroup: string
      namespace: string
      types: string[]
      names: string[]
    }
  /**
   * A `Microsoft.Authorization` extension resource (`roleAssignments`, `roleDefinitions`) at `scope` (`/`, a
   * subscription, a resource group or a resource), with or without a name.
   */
  | { kind: 'authorization'; scope: string; type: string; name?: string }
  /**
   * A path below `/subscriptions/{sub}/providers/{namespace}/` deeper than a collection (the compute image
   * catalogue `locations/{l}/publishers/...`) or a tenant-level `/providers/{namespace}/...` path (App Service's
   * `webAppStacks`): `segments` follow the namespace.
   */
  | { kind: 'providerPath'; subscriptionId?: string; namespace: string; segments: string[] }

/** Splits a raw request path (no query) into decoded, non-empty segments. Throws 400 on bad escapes. */
export function pathSegments(rawPath: string): string[] {
  const segments = rawPath.split('/').filter(Boolean)
  try {
    return segments.map((segment) => decodeURIComponent(segment))
  } catch {
    throw invalidRequestUri(rawPath, 'it contains an invalid percent-encoding')
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** True for a GUID in the 8-4-4-4-12 form. */
export function isGuid(value: string): boolean {
  return GUID.test(value)
}

/** Throws ARM's 400/404 unless `subscriptionId` is the emulator's subscription. */
export function checkSubscription(subscriptionId: string, known: string): void {
  if (!isGuid(subscriptionId)) throw invalidSubscriptionId(subscriptionId)
  if (subscriptionId.toLowerCase() !== known.toLowerCase()) throw subscriptionNotFound(subscriptionId, known)
}

const eq = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase()

/**
 * Routes ARM paths by shape (not by resource type: that is the dispatcher's job). The subscription in the path is
 * checked against `subscriptionId`.
 */
export function routeArmPath(rawPath: string, subscriptionId: string): ArmRoute {
  const segments = pathSegments(rawPath)
  const display = `/${segments.join('/')}`
  // Extension resources of Microsoft.Authorization, at any scope (the last `providers/Microsoft.Authorization`).
  for (let i = segments.length - 2; i >= 0; i--) {
    if (!eq(segments[i], 'providers') || !eq(segments[i + 1], 'Microsoft.Authorization')) continue
    const scopeSegments = segments.slice(0, i)
    const rest = segments.slice(i + 2)
    if (rest.length === 0) break // `/subscriptions/{sub}/providers/Microsoft.Authorization`: the provider itself
    if (rest.length > 2) {
      throw invalidRequestUri(
        display,
        `'${rest.slice(2).join('/')}' below a Microsoft.Authorization resource is not a known path`,
      )
    }
    const scope = checkScope(scopeSegments, display, subscriptionId)
    const [type, name] = rest as [string, string | undefined]
    return name === undefined
      ? { kind: 'authorization', scope, type }
      : { kind: 'authorization', scope, type, name }
  }

  const [first, sub, section, ...rest] = segments
  if (segments.length === 1 && eq(first, 'tenants')) return { kind: 'tenants' }
  if (eq(first, 'providers') && sub !== undefined) {
    return { kind: 'providerPath', namespace: sub, segments: segments.slice(2) }
  }
  if (!eq(first, 'subscriptions')) {
    throw invalidRequestUri(display, "ARM paths start with '/subscriptions' (or '/tenants')")
  }
  if (sub === undefined) return { kind: 'subscriptions' }
  checkSubscription(sub, subscriptionId)
  if (section === undefined) return { kind: 'subscription', subscriptionId: sub }

  if (eq(section, 'providers')) {
    const [namespace, type, name, ...deeper] = rest
    if (namespace === undefined) return { kind: 'providers', subscriptionId: sub }
    if (type === undefined) return { kind: 'provider', subscriptionId: sub, namespace }
    if (eq(type, 'register') || eq(type, 'unregister')) {
      return { kind: 'provider', subscriptionId: sub, namespace, action: type.toLowerCase() }
    }
    if (name === undefined) return { kind: 'collection', subscriptionId: sub, type: `${namespace}/${type}` }
    if (eq(namespace, 'Microsoft.Compute') && eq(type, 'locations')) {
      return { kind: 'providerPath', subscriptionId: sub, namespace, segments: [type, name, ...deeper] }
    }
    throw new ArmError(
      400,
      'NoRegisteredProviderFound',
      `The path '${display}' addresses a subscription-level resource of type '${[namespace, type, ...deeper.filter((_, j) => j % 2 === 1)].join('/')}', which the uami emulator does not model. Tracked resources live in resource groups: /subscriptions/{id}/resourceGroups/{name}/providers/...`,
    )
  }

  if (!eq(section, 'resourcegroups')) {
    throw invalidRequestUri(
      display,
      `'${section}' is not a known segment below a subscription (resourceGroups, providers)`,
    )
  }
  const [resourceGroup, providers, namespace, ...pairs] = rest
  if (resourceGroup === undefined) return { kind: 'resourceGroups', subscriptionId: sub }
  if (providers === undefined) return { kind: 'resourceGroup', subscriptionId: sub, resourceGroup }
  if (!eq(providers, 'providers') || namespace === undefined || pairs.length === 0) {
    throw invalidRequestUri(
      display,
      "resources in a resource group are addressed as '/resourceGroups/{name}/providers/{namespace}/{type}/{name}'",
    )
  }
  if (pairs.length === 1) {
    return { kind: 'collection', subscriptionId: sub, resourceGroup, type: `${namespace}/${pairs[0]}` }
  }
  const types: string[] = []
  const names: string[] = []
  for (let j = 0; j < pairs.length; j += 2) {
    types.push(pairs[j] as string)
    if (pairs[j + 1] !== undefined) names.push(pairs[j + 1] as string)
  }
  return { kind: 'resource', subscriptionId: sub, resourceGroup, namespace, types, names }
}

/**
 * Checks the scope of an extension resource: `/`, `/subscriptions/{sub}`, a resource group, or a resource in one.
 * Returns it as `/`-joined segments with repeated slashes collapsed (casing as sent).
 */
function checkScope(segments: string[], display: string, subscriptionId: string): string {
  if (segments.length === 0) return '/'
  if (!eq(segments[0], 'subscriptions') || segments[1] === undefined) {
    throw new ArmError(
      400,
      'InvalidResourceId',
      `The scope of '${display}' is not valid. Use '/', '/subscriptions/{id}', a resource group ID or a resource ID.`,
    )
  }
  checkSubscription(segments[1], subscriptionId)
  const rest = segments.slice(2)
  const badShape =
    rest.length > 0 &&
    (!eq(rest[0], 'resourcegroups') ||
      rest.length === 1 ||
      (rest.length > 2 && (!eq(rest[2], 'providers') || rest.length < 6 || (rest.length - 4) % 2 !== 0)))
  if (badShape) {
    throw new ArmError(
      400,
      'InvalidResourceId',
      `The scope '/${segments.join('/')}' of '${display}' is not a valid resource ID. Use '/subscriptions/{id}', '/subscriptions/{id}/resourceGroups/{name}' or '/subscriptions/{id}/resourceGroups/{name}/providers/{namespace}/{type}/{name}'.`,
    )
  }
  return `/${segments.join('/')}`
}
