import { describe, expect, it } from 'vitest'
import type { IdentityKind } from '../src/index.ts'
import {
  IDENTITY_VARIABLES,
  identityFromEnv,
  isUamiCredentialError,
  parseIdentitySelector,
} from '../src/index.ts'

// Seeded fuzzing of the identity validators: every generated string must give a valid selector or one of the
// documented coded errors — never another exception — and a value is accepted exactly when an independent
// oracle (a plain regular expression) says it is valid.

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const random = prng(0x5eed_cafe)
const int = (max: number): number => Math.floor(random() * max)
const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T

const HEX = '0123456789abcdefABCDEF'
const NOISE = [
  ...'ghijkxyzGXZ-_./{}()[]#%&+:;,!?@=~*\'"` ',
  '\t',
  '\r',
  '\n',
  '\u00a0',
  '\u200b',
  '\ufeff',
  '\u2013',
  '\u2014',
  '\u2212',
  '\u0430',
  '\u00e9',
  '\u4e2d',
  '\u{1f511}',
  '\ud800',
  '\udfff',
  '\u0000',
]
const QUOTES = ['"', "'", '`', '\u201c', '\u201d', '\u2018', '\u2019']
const SPACES = [' ', '\t', '\r', '\n', '\r\n', '\u00a0', '\u200b', '\ufeff']
const TYPES = [
  'Microsoft.Web/sites',
  'Microsoft.App/containerApps',
  'Microsoft.Compute/virtualMachines',
  'Microsoft.AppConfiguration/configurationStores',
  'Microsoft.KeyVault/vaults',
  'microsoft.managedidentity/userassignedidentities',
  'Microsoft.ManagedIdentity/userAssignedIdentities',
  'MICROSOFT.MANAGEDIDENTITY/USERASSIGNEDIDENTITIES',
]

function guid(): string {
  const group = (length: number): string => Array.from({ length }, () => pick([...HEX])).join('')
  return [group(8), group(4), group(4), group(4), group(12)].join('-')
}

function name(min: number, max: number, alphabet: string): string {
  return Array.from({ length: min + int(max - min + 1) }, () => pick([...alphabet])).join('')
}

function resourceId(): string {
  const rg = name(1, 12, 'abcXYZ019_-.()')
  const type = pick(TYPES)
  const identityName = name(1, 14, 'abcXYZ019_-')
  const segment = pick(['resourceGroups', 'resourcegroups', 'RESOURCEGROUPS'])
  const base = `/${pick(['subscriptions', 'Subscriptions'])}/${guid()}/${segment}/${rg}/${pick(['providers', 'Providers'])}/${type}/${identityName}`
  const variant = int(6)
  if (variant === 0) return `${base}/providers/Microsoft.ManagedIdentity/identities/default`
  if (variant === 1) return `${base}/federatedIdentityCredentials/${name(1, 8, 'abc')}`
  return base
}

function mutate(value: string): string {
  const characters = [...value]
  const at = int(characters.length + 1)
  switch (int(9)) {
    case 0:
      characters.splice(at, 1, pick(NOISE))
      break
    case 1:
      characters.splice(at, 0, pick(NOISE))
      break
    case 2:
      characters.splice(at, 1)
      break
    case 3:
      return `${pick(QUOTES)}${value}${pick(QUOTES)}`
    case 4:
      return random() < 0.5 ? `${pick(SPACES)}${value}` : `${value}${pick(SPACES)}`
    case 5:
      characters.splice(at, 0, '/')
      break
    case 6:
      return value.toUpperCase()
    case 7:
      return value.replaceAll('-', pick(['\u2013', '', '--', '_']))
    default:
      characters.splice(at, 1, pick([...HEX]))
  }
  return characters.join('')
}

function garbage(): string {
  return Array.from({ length: int(90) }, () => pick([...NOISE, ...HEX])).join('')
}

function jwtLike(): string {
  const part = (): string => name(8, 40, 'abcdefABCDEF0123456789-_')
  return `eyJ${part()}.eyJ${part()}.${part()}`
}

function generate(kind: IdentityKind, count: number): string[] {
  const values: string[] = []
  for (let index = 0; index < count; index++) {
    const base = kind === 'resourceId' ? resourceId() : guid()
    const roll = random()
    if (roll < 0.25) values.push(base)
    else if (roll < 0.75) values.push(mutate(random() < 0.3 ? mutate(base) : base))
    else if (roll < 0.85) values.push(kind === 'resourceId' ? mutate(guid()) : mutate(resourceId()))
    else if (roll < 0.95) values.push(garbage())
    else values.push(jwtLike())
  }
  return values
}

const GUID_ORACLE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const RESOURCE_ID_ORACLE =
  /^\/subscriptions\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/resourcegroups\/[\p{L}\p{N}_.()-]{0,89}[\p{L}\p{N}_()-]\/providers\/microsoft\.managedidentity\/userassignedidentities\/[a-z0-9][a-z0-9_-]{2,127}$/iu

const ALLOWED: Readonly<Record<IdentityKind, readonly string[]>> = {
  clientId: ['UAMI_CRED_IDENTITY_NOT_SET', 'UAMI_CRED_PASTED_VALUE', 'UAMI_CRED_INVALID_GUID'],
  objectId: ['UAMI_CRED_IDENTITY_NOT_SET', 'UAMI_CRED_PASTED_VALUE', 'UAMI_CRED_INVALID_GUID'],
  resourceId: [
    'UAMI_CRED_IDENTITY_NOT_SET',
    'UAMI_CRED_PASTED_VALUE',
    'UAMI_CRED_INVALID_RESOURCE_ID',
    'UAMI_CRED_NOT_A_USER_ASSIGNED_IDENTITY',
  ],
}

function outcome(kind: IdentityKind, value: string, viaEnv: boolean): string {
  try {
    const selector = viaEnv
      ? identityFromEnv({ [IDENTITY_VARIABLES[kind]]: value }, { kinds: [kind] })
      : parseIdentitySelector({ kind, value })
    expect(selector).toEqual({ [kind]: value })
    return 'valid'
  } catch (error) {
    if (!isUamiCredentialError(error)) {
      throw new Error(`${kind} ${JSON.stringify(value)} threw a non-coded error: ${String(error)}`)
    }
    expect(ALLOWED[kind]).toContain(error.code)
    expect(error.message).toContain(IDENTITY_VARIABLES[kind])
    // One line, whatever the value held: a newline in a value must not start a new log line.
    expect(error.message, JSON.stringify(value)).not.toMatch(/[\r\n\u2028\u2029]/)
    if (/eyJ/.test(value)) expect(error.message).not.toContain(value)
    return error.code
  }
}

describe('identity validation under fuzzing (seed 0x5eedcafe)', () => {
  it.each(['clientId', 'objectId', 'resourceId'] as const)(
    'gives %s either a valid selector or a documented code for 1,500 generated strings',
    (kind) => {
      const values = generate(kind, 1500)
      const counts = new Map<string, number>()
      for (const value of values) {
        const direct = outcome(kind, value, false)
        const fromEnv = value === '' ? 'UAMI_CRED_IDENTITY_NOT_SET' : outcome(kind, value, true)
        expect(fromEnv).toBe(direct)
        const oracle = kind === 'resourceId' ? RESOURCE_ID_ORACLE : GUID_ORACLE
        expect(direct === 'valid', `${kind} ${JSON.stringify(value)}`).toBe(oracle.test(value))
        counts.set(direct, (counts.get(direct) ?? 0) + 1)
      }
      // The generator must exercise both sides: plenty of valid values and every failure mode of the kind.
      expect(counts.get('valid') ?? 0).toBeGreaterThan(50)
      for (const code of ALLOWED[kind].filter((code) => code !== 'UAMI_CRED_IDENTITY_NOT_SET')) {
        expect(counts.get(code) ?? 0, code).toBeGreaterThan(20)
      }
    },
  )
})
