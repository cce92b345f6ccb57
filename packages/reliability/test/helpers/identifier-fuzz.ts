import type { IdentityKind } from '@uami/credential'
import type { Random } from './random.ts'

/**
 * Generators of identifier values that are NOT valid for their kind, in the categories people paste by mistake: bad
 * GUIDs, resource IDs of other types, look-alike unicode, whitespace, very long values, quotes, tokens. An oracle (a
 * plain regular expression, independent of the code under test) removes any value that happens to be valid.
 */

const HEX = '0123456789abcdef'
export const GUID_ORACLE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const RESOURCE_ID_ORACLE =
  /^\/subscriptions\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/resourcegroups\/[\p{L}\p{N}_.()-]{0,89}[\p{L}\p{N}_()-]\/providers\/microsoft\.managedidentity\/userassignedidentities\/[a-z0-9][a-z0-9_-]{2,127}$/iu

/** Look-alikes and invisible characters: Cyrillic а/е/о, en/em dash, minus sign, zero-width and bidi controls. */
const UNICODE = [
  '\u0430',
  '\u0435',
  '\u043e',
  '\u2013',
  '\u2014',
  '\u2212',
  '\u200b',
  '\u200d',
  '\u202e',
  '\ufeff',
  '\u00a0',
  '\u00e9',
  '\u4e2d',
  '\u{1f511}',
  '\uff10',
  '\u0660',
]
const WHITESPACE = [' ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u3000', '\v', '\f']
const QUOTES = ['"', "'", '`', '\u201c', '\u201d', '\u2018', '\u2019', '<', '>', '{', '}']
const OTHER_TYPES = [
  'Microsoft.Web/sites',
  'Microsoft.App/containerApps',
  'Microsoft.Compute/virtualMachines',
  'Microsoft.AppConfiguration/configurationStores',
  'Microsoft.KeyVault/vaults',
  'Microsoft.ManagedIdentity/identities',
  'Microsoft.Authorization/roleAssignments',
  'Microsoft.Storage/storageAccounts',
]

export function guid(random: Random): string {
  const group = (length: number): string => random.string(length, HEX)
  return [group(8), group(4), group(4), group(4), group(12)].join('-')
}

export function identityResourceId(
  random: Random,
  type = 'Microsoft.ManagedIdentity/userAssignedIdentities',
): string {
  const group = random.string(random.between(1, 12), 'abcxyz019-_')
  const name = `id${random.string(random.between(1, 12), 'abcxyz019-_')}`
  return `/subscriptions/${guid(random)}/resourceGroups/rg-${group}/providers/${type}/${name}`
}

/** A valid value of `kind` (for the "two kinds at once" cases). */
export function validValue(random: Random, kind: IdentityKind): string {
  return kind === 'resourceId' ? identityResourceId(random) : guid(random)
}

function insertAt(value: string, at: number, text: string, remove = 0): string {
  const characters = [...value]
  characters.splice(at, remove, text)
  return characters.join('')
}

type Generator = (random: Random, kind: IdentityKind) => string

/** Each category, named for the summary. */
export const CATEGORIES: Readonly<Record<string, Generator>> = {
  'bad GUID': (random, kind) => {
    const base = validValue(random, kind)
    const at = random.int([...base].length)
    switch (random.int(6)) {
      case 0:
        return insertAt(base, at, random.pick([...'ghijklmnopqrstuvwxyzGXZ']), 1)
      case 1:
        return insertAt(base, at, random.pick([...HEX]))
      case 2:
        return insertAt(base, at, '', 1)
      case 3:
        return base.replaceAll('-', random.pick(['', '_', '--', '.', ':']))
      case 4:
        return `{${base}}`
      default:
        return base.slice(0, random.between(0, base.length - 1))
    }
  },
  'resource ID of another type': (random, kind) =>
    kind === 'resourceId'
      ? random.chance(0.2)
        ? identityResourceId(random).replace('/subscriptions/', `/subscriptions/${random.string(3, 'xyz')}`)
        : identityResourceId(random, random.pick(OTHER_TYPES))
      : identityResourceId(
          random,
          random.pick(['Microsoft.ManagedIdentity/userAssignedIdentities', ...OTHER_TYPES]),
        ),
  unicode: (random, kind) => {
    const base = validValue(random, kind)
    return insertAt(base, random.int([...base].length), random.pick(UNICODE), random.int(2))
  },
  whitespace: (random, kind) => {
    const base = validValue(random, kind)
    switch (random.int(3)) {
      case 0:
        return `${random.pick(WHITESPACE)}${base}`
      case 1:
        return `${base}${random.pick(WHITESPACE)}`
      default:
        return insertAt(base, random.between(1, [...base].length - 1), random.pick(WHITESPACE))
    }
  },
  'very long': (random, kind) => {
    const base = validValue(random, kind)
    const length = random.pick([300, 2_000, 20_000, 100_000])
    return random.chance(0.5) ? base + random.string(length, HEX) : random.string(length, `${HEX}-/`)
  },
  'quoted or pasted': (random, kind) => {
    const base = validValue(random, kind)
    const quote = random.pick(QUOTES)
    return random.pick([
      `${quote}${base}${quote}`,
      `${quote}${base}`,
      `export ${kind}=${base}`,
      `${base};`,
      `${base},${validValue(random, kind)}`,
    ])
  },
  'token or secret': (random) =>
    random.chance(0.5)
      ? `eyJ${random.string(30, 'abcdefABCDEF0123456789-_')}.eyJ${random.string(60, 'abcdefABCDEF0123456789-_')}.${random.string(40, 'abcdefABCDEF0123456789-_')}`
      : `${random.string(3, 'abcdefghijklmnopqrstuvwxyz')}8Q~${random.string(34, 'abcdefABCDEF0123456789-_.~')}`,
  garbage: (random, kind) => {
    const noise = random.string(
      random.between(1, 80),
      `${HEX}xyz -_./{}()[]#%&+:;,!?@=~*"'\`\t\r\n${UNICODE.join('')}`,
    )
    return random.chance(0.5)
      ? noise
      : `${random.pick(QUOTES)}${noise}${validValue(random, kind)}${random.pick(QUOTES)}`
  },
  'another kind': (random, kind) => (kind === 'resourceId' ? guid(random) : identityResourceId(random)),
}

/** Whether `value` is a valid identifier of `kind`, by the oracle. */
export function isValid(kind: IdentityKind, value: string): boolean {
  return (kind === 'resourceId' ? RESOURCE_ID_ORACLE : GUID_ORACLE).test(value)
}

/** `count` invalid values of `kind`, spread over the categories (an invalid value of each drawn category). */
export function invalidIdentifiers(
  random: Random,
  kind: IdentityKind,
  count: number,
): Array<{ category: string; value: string }> {
  const names = Object.keys(CATEGORIES)
  const values: Array<{ category: string; value: string }> = []
  while (values.length < count) {
    const category = names[values.length % names.length] as string
    const value = (CATEGORIES[category] as Generator)(random, kind)
    if (!isValid(kind, value)) values.push({ category, value })
  }
  return values
}
