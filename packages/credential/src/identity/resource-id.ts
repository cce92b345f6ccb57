import { InvalidResourceIdError } from '../errors/invalid-resource-id-error.js'
import { NotAUserAssignedIdentityError } from '../errors/not-a-user-assigned-identity-error.js'
import { describeCharacter, quote } from '../util/text.js'
import { findGuidProblem, isGuid } from './guid.js'

/** The parts of a user-assigned identity's resource ID. */
export interface IdentityResourceIdParts {
  /** The subscription GUID. */
  readonly subscriptionId: string
  /** The resource group name, as written. */
  readonly resourceGroup: string
  /** The identity's name, as written. */
  readonly name: string
}

const FRIENDLY_TYPES: Readonly<Record<string, string>> = {
  'microsoft.web/sites': 'an App Service app',
  'microsoft.app/containerapps': 'a container app',
  'microsoft.compute/virtualmachines': 'a virtual machine',
  'microsoft.compute/virtualmachinescalesets': 'a virtual machine scale set',
  'microsoft.appconfiguration/configurationstores': 'an App Configuration store',
  'microsoft.keyvault/vaults': 'a key vault',
  'microsoft.storage/storageaccounts': 'a storage account',
  'microsoft.containerservice/managedclusters': 'an AKS cluster',
  'microsoft.managedidentity/userassignedidentities/federatedidentitycredentials':
    'a federated credential of a user-assigned identity (a child resource, not the identity)',
}

/**
 * Checks a resource group name against Azure's rules: 1–90 characters; letters, digits, `_`, `-`, `.`, `(`, `)`;
 * not ending with `.`. Returns the problem, or `undefined` when the name is valid.
 */
export function findResourceGroupNameProblem(name: string): string | undefined {
  const characters = [...name]
  if (characters.length > 90) return `it has ${characters.length} characters, at most 90 are allowed`
  const index = characters.findIndex((character) => !/^[\p{L}\p{N}_.()-]$/u.test(character))
  if (index >= 0) {
    return `character ${describeCharacter(characters[index] ?? '')} at position ${index + 1} is not allowed (letters, digits, _ - . ( ) are)`
  }
  if (name.endsWith('.')) return 'it ends with a period'
  return undefined
}

/**
 * Checks a user-assigned identity name against Azure's rules: 3–128 characters; letters, digits, `-`, `_`;
 * starting with a letter or digit. Returns the problem, or `undefined` when the name is valid.
 */
export function findIdentityNameProblem(name: string): string | undefined {
  const characters = [...name]
  if (characters.length < 3) return `it has ${characters.length} characters, at least 3 are required`
  if (characters.length > 128) return `it has ${characters.length} characters, at most 128 are allowed`
  const index = characters.findIndex((character) => !/^[A-Za-z0-9_-]$/.test(character))
  if (index >= 0) {
    return `character ${describeCharacter(characters[index] ?? '')} at position ${index + 1} is not allowed (letters, digits, - and _ are)`
  }
  if (!/^[A-Za-z0-9]/.test(name)) return 'it must start with a letter or digit'
  return undefined
}

function eq(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase()
}

function describeResource(
  segments: readonly string[],
  namespaceIndex: number,
): { type: string; description: string } {
  const namespace = segments[namespaceIndex] ?? ''
  const types: string[] = []
  const names: string[] = []
  for (let index = namespaceIndex + 1; index < segments.length; index += 2) {
    types.push(segments[index] ?? '')
    names.push(segments[index + 1] ?? '')
  }
  const fullType = [namespace, ...types].join('/')
  const type = [...fullType].length > 120 ? `${[...fullType].slice(0, 120).join('')}…` : fullType
  const friendly = FRIENDLY_TYPES[fullType.toLowerCase()] ?? 'a resource'
  const name = names[names.length - 1] ?? ''
  // A type with whitespace, quotes or control characters is shown JSON-quoted: the message stays one line.
  const shownType = /^[\w./-]+$/.test(fullType) ? type : quote(fullType, 120)
  return { type, description: `${friendly}${name === '' ? '' : ` ${quote(name)}`} (${shownType})` }
}

/**
 * Parses and validates a user-assigned identity's resource ID:
 * `/subscriptions/{guid}/resourceGroups/{name}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}`.
 * Segment names (`subscriptions`, `resourceGroups`, `providers`, the namespace and type) are case-insensitive, as
 * in ARM; names follow Azure's naming rules.
 *
 * @param value - The resource ID.
 * @param variable - The variable or option named in errors. Default: `AZURE_MANAGED_IDENTITY_RESOURCE_ID`.
 * @returns The subscription ID, resource group and identity name, as written.
 * @throws `InvalidResourceIdError` when the shape, the subscription GUID or a name is wrong (the message names the segment).
 * @throws `NotAUserAssignedIdentityError` when the ID points at a host, another resource, a resource group, or a system-assigned identity.
 * @example
 * ```ts
 * parseIdentityResourceId('/subscriptions/…/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-app').name // 'id-app'
 * ```
 */
export function parseIdentityResourceId(
  value: string,
  variable = 'AZURE_MANAGED_IDENTITY_RESOURCE_ID',
): IdentityResourceIdParts {
  const invalid = (reason: string, hint?: string): InvalidResourceIdError =>
    new InvalidResourceIdError({ variable, value, reason, hint })

  if (/^https?:\/\//i.test(value)) {
    const at = value.toLowerCase().indexOf('/subscriptions/')
    throw invalid(
      'it is a URL',
      at >= 0
        ? 'It looks like a portal address; the resource ID is the part that starts at /subscriptions/ (the portal shows it under JSON View or Properties).'
        : undefined,
    )
  }
  if (!value.startsWith('/')) {
    if (/^subscriptions\//i.test(value)) throw invalid("it is missing the leading '/'")
    if (isGuid(value)) {
      throw invalid(
        'it is a GUID',
        "A client ID belongs in AZURE_CLIENT_ID and an object (principal) ID in AZURE_MANAGED_IDENTITY_OBJECT_ID; this variable takes the identity's full resource ID.",
      )
    }
    throw invalid("it does not start with '/subscriptions/'")
  }
  const segments = value.slice(1).split('/')
  if (segments.length > 1 && segments[segments.length - 1] === '') throw invalid("it ends with '/'")
  const empty = segments.indexOf('')
  if (empty >= 0)
    throw invalid(
      `it has an empty segment ('//') after ${empty === 0 ? 'the first /' : `${quote(segments[empty - 1] ?? '')}`}`,
    )

  if (!eq(segments[0], 'subscriptions')) {
    throw invalid(`it starts with ${quote(`/${segments[0] ?? ''}`)} instead of "/subscriptions"`)
  }
  const subscriptionId = segments[1]
  if (subscriptionId === undefined) throw invalid('it ends after /subscriptions')
  const guidProblem = findGuidProblem(subscriptionId)
  if (guidProblem !== undefined)
    throw invalid(`the subscription ID ${quote(subscriptionId)} is not a GUID: ${guidProblem.reason}`)
  if (segments.length === 2) {
    throw new NotAUserAssignedIdentityError({
      variable,
      resourceType: undefined,
      description: `the subscription ${subscriptionId}`,
      systemAssigned: false,
    })
  }
  if (eq(segments[2], 'providers')) {
    if (segments.length >= 6 && segments.length % 2 === 0) {
      const { type, description } = describeResource(segments, 3)
      throw new NotAUserAssignedIdentityError({
        variable,
        resourceType: type,
        description,
        systemAssigned: false,
      })
    }
    throw invalid('it has no resource group (expected /resourceGroups/{name} after the subscription ID)')
  }
  if (!eq(segments[2], 'resourceGroups')) {
    throw invalid(`expected "resourceGroups" after the subscription ID, found ${quote(segments[2] ?? '')}`)
  }
  const resourceGroup = segments[3]
  if (resourceGroup === undefined)
    throw invalid('it ends after /resourceGroups (the resource group name is missing)')
  const groupProblem = findResourceGroupNameProblem(resourceGroup)
  if (groupProblem !== undefined)
    throw invalid(`the resource group name ${quote(resourceGroup)} is not valid: ${groupProblem}`)
  if (segments.length === 4) {
    throw new NotAUserAssignedIdentityError({
      variable,
      resourceType: undefined,
      description: `the resource group ${quote(resourceGroup)}`,
      systemAssigned: false,
    })
  }
  if (!eq(segments[4], 'providers')) {
    throw invalid(`expected "providers" after the resource group name, found ${quote(segments[4] ?? '')}`)
  }
  if (segments.length < 8) {
    throw invalid(
      'it is incomplete (expected /providers/Microsoft.ManagedIdentity/userAssignedIdentities/{identity-name} after the resource group)',
    )
  }
  if (segments.length % 2 === 1)
    throw invalid(`the resource type ${quote(segments[segments.length - 1] ?? '')} has no name after it`)

  const nested = segments.findIndex((segment, index) => index > 5 && eq(segment, 'providers'))
  if (nested > 0) {
    const host = describeResource(segments.slice(0, nested), 5)
    if (eq(segments[nested + 1], 'Microsoft.ManagedIdentity') && eq(segments[nested + 2], 'identities')) {
      throw new NotAUserAssignedIdentityError({
        variable,
        resourceType: 'Microsoft.ManagedIdentity/identities',
        description: `the system-assigned identity of ${host.description}`,
        systemAssigned: true,
      })
    }
    throw new NotAUserAssignedIdentityError({
      variable,
      resourceType: host.type,
      description: `an extension resource of ${host.description}`,
      systemAssigned: false,
    })
  }
  const isIdentityType =
    eq(segments[5], 'Microsoft.ManagedIdentity') && eq(segments[6], 'userAssignedIdentities')
  if (!isIdentityType || segments.length > 8) {
    const { type, description } = describeResource(segments, 5)
    throw new NotAUserAssignedIdentityError({
      variable,
      resourceType: type,
      description,
      systemAssigned: false,
    })
  }
  const name = segments[7] ?? ''
  const nameProblem = findIdentityNameProblem(name)
  if (nameProblem !== undefined)
    throw invalid(`the identity name ${quote(name)} is not valid: ${nameProblem}`)
  return { subscriptionId, resourceGroup, name }
}

/**
 * Normalises a resource ID for comparison: lower-case, no repeated or trailing slashes. ARM IDs are
 * case-insensitive (`resourcegroups` and `resourceGroups` name the same thing).
 */
export function normalizeResourceId(value: string): string {
  return `/${value.split('/').filter(Boolean).join('/')}`.toLowerCase()
}
