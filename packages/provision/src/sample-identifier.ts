import type { HostKind } from './hosts/host-ref.js'
import type { UserAssignedIdentityFacts } from './identity.js'

/** How a sample names its identity: the three kinds of the tutorial. */
export type IdentifierKind = 'clientId' | 'resourceId' | 'objectId'

/** The environment variable each identifier kind is read from (see `@uami/credential`). */
export const IDENTIFIER_VARIABLES: Readonly<Record<IdentifierKind, string>> = {
  clientId: 'AZURE_CLIENT_ID',
  resourceId: 'AZURE_MANAGED_IDENTITY_RESOURCE_ID',
  objectId: 'AZURE_MANAGED_IDENTITY_OBJECT_ID',
}

/** The identifier kind each sample uses: App Service → client ID, Container Apps → resource ID, VM → object ID. */
export const SAMPLE_IDENTIFIER_KINDS: Readonly<Record<HostKind, IdentifierKind>> = {
  'app-service': 'clientId',
  'container-apps': 'resourceId',
  vm: 'objectId',
}

/** One identifier of an identity, with the variable that carries it. */
export interface SampleIdentifier {
  kind: IdentifierKind
  /** e.g. `AZURE_CLIENT_ID`. */
  variable: string
  value: string
}

/**
 * The identifier a sample on `host` passes to `ManagedIdentityCredential`, taken from the identity.
 *
 * @param host - The sample's host kind.
 * @param identity - From {@link ensureUserAssignedIdentity}.
 * @param kind - Override the sample's kind (the tour's "wrong identifier kind" scenario).
 * @example
 * ```ts
 * sampleIdentifier('vm', identity) // { kind: 'objectId', variable: 'AZURE_MANAGED_IDENTITY_OBJECT_ID', value: identity.principalId }
 * ```
 */
export function sampleIdentifier(
  host: HostKind,
  identity: Pick<UserAssignedIdentityFacts, 'clientId' | 'id' | 'principalId'>,
  kind: IdentifierKind = SAMPLE_IDENTIFIER_KINDS[host],
): SampleIdentifier {
  const value =
    kind === 'clientId' ? identity.clientId : kind === 'resourceId' ? identity.id : identity.principalId
  return { kind, variable: IDENTIFIER_VARIABLES[kind], value }
}
