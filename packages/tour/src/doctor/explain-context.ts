import type { AuthErrorContext } from '@uami/credential'
import { selectorKind, selectorValue } from '@uami/credential/diagnostics'
import { findIdentity, findStore, type KnownIdentity } from './facts.js'
import type { DoctorState } from './state.js'

/** The configured identity as ARM knows it (from the facts), when it matches the selector in its own kind. */
export function knownIdentity(state: DoctorState): KnownIdentity | undefined {
  if (!state.selector) return undefined
  const kind = selectorKind(state.selector)
  const value = selectorValue(state.selector)
  return findIdentity(
    state.options.facts,
    kind === 'clientId' ? 'clientId' : kind === 'objectId' ? 'principalId' : 'id',
    value,
  )
}

/** The store's resource ID: `--store-id`, or the known store whose endpoint is `APP_CONFIG_ENDPOINT`. */
export function storeIdOf(state: DoctorState): string | undefined {
  return state.options.storeId ?? findStore(state.options.facts, state.env.APP_CONFIG_ENDPOINT)?.id
}

/** The host's names for commands: options first, then what the host's variables say. */
export function hostNames(state: DoctorState): {
  host: string
  resourceGroup?: string | undefined
  hostName?: string | undefined
} {
  const env = state.env
  const host = state.detection?.host ?? 'developer-machine'
  const fromRid = resourceGroupAndName(state.claims?.xms_az_rid)
  return {
    host,
    resourceGroup:
      state.options.resourceGroup ??
      (host === 'app-service' ? env.WEBSITE_RESOURCE_GROUP : undefined) ??
      fromRid.resourceGroup,
    hostName:
      state.options.hostName ??
      (host === 'app-service'
        ? env.WEBSITE_SITE_NAME
        : host === 'container-apps'
          ? env.CONTAINER_APP_NAME
          : undefined) ??
      fromRid.name,
  }
}

/** Everything `explainAuthError` can use to fill in its commands. */
export function explainContext(state: DoctorState): AuthErrorContext {
  const known = knownIdentity(state)
  const names = hostNames(state)
  const host = state.detection?.host
  return {
    env: state.env,
    ...(host ? { host } : {}),
    ...(state.selector ? { selector: state.selector } : {}),
    ...(names.resourceGroup ? { resourceGroup: names.resourceGroup } : {}),
    ...(names.hostName ? { hostName: names.hostName } : {}),
    ...(known ? { identityResourceId: known.id, principalId: known.principalId } : {}),
    ...(state.claims ? { claims: state.claims, principalId: state.claims.oid } : {}),
    ...(storeIdOf(state) ? { storeId: storeIdOf(state) } : {}),
    ...(state.env.APP_CONFIG_ENDPOINT ? { storeEndpoint: state.env.APP_CONFIG_ENDPOINT } : {}),
  }
}

function resourceGroupAndName(id: string | undefined): { resourceGroup?: string; name?: string } {
  if (!id) return {}
  const segments = id.split('/').filter(Boolean)
  const index = segments.findIndex((segment) => segment.toLowerCase() === 'resourcegroups')
  const resourceGroup = index >= 0 ? segments[index + 1] : undefined
  const name = segments.length >= 8 ? segments.at(-1) : undefined
  return { ...(resourceGroup ? { resourceGroup } : {}), ...(name ? { name } : {}) }
}
