import { IdentityNotSetError } from '../errors/identity-not-set-error.js'
import { InvalidGuidError } from '../errors/invalid-guid-error.js'
import { describeType, InvalidOptionError } from '../errors/invalid-option-error.js'
import { InvalidSelectorError } from '../errors/invalid-selector-error.js'
import { PastedValueError } from '../errors/pasted-value-error.js'
import { findGuidProblem } from './guid.js'
import { findPastedDecoration } from './pasted.js'
import { parseIdentityResourceId } from './resource-id.js'
import type { IdentityKind } from './variables.js'
import { IDENTITY_KINDS, IDENTITY_VARIABLES, isIdentityKind } from './variables.js'

/** Selects a user-assigned identity by its client (application) ID. */
export interface ClientIdSelector {
  readonly clientId: string
  readonly resourceId?: never
  readonly objectId?: never
}

/** Selects a user-assigned identity by its ARM resource ID. */
export interface ResourceIdSelector {
  readonly resourceId: string
  readonly clientId?: never
  readonly objectId?: never
}

/** Selects a user-assigned identity by its object (principal) ID. */
export interface ObjectIdSelector {
  readonly objectId: string
  readonly clientId?: never
  readonly resourceId?: never
}

/**
 * Exactly one identifier of a user-assigned identity — the object `ManagedIdentityCredential` takes. There is no
 * string form: a string is always read as a client ID by the SDK (ERRATA #1), so the types refuse it.
 */
export type IdentitySelector = ClientIdSelector | ResourceIdSelector | ObjectIdSelector

/** Input of {@link parseIdentitySelector}. */
export interface ParseIdentitySelectorInput {
  /** The identifier kind the value must be. */
  readonly kind: IdentityKind
  /** The raw value, e.g. `process.env.AZURE_CLIENT_ID`; `undefined` or `''` means "not set". */
  readonly value: string | undefined
  /** The name used in errors. Default: the kind's standard variable (`AZURE_CLIENT_ID`, …). */
  readonly variable?: string | undefined
}

function makeSelector(kind: IdentityKind, value: string): IdentitySelector {
  const selector =
    kind === 'clientId'
      ? { clientId: value }
      : kind === 'resourceId'
        ? { resourceId: value }
        : { objectId: value }
  return Object.freeze(selector)
}

/**
 * Validates one identifier of a known kind and returns its selector. Samples that fix one identifier kind use it to
 * validate exactly their variable.
 *
 * Checks, in order: the value is set; it has no pasted whitespace or quotes; a client or object ID is a GUID; a
 * resource ID is a user-assigned identity's ID (`/subscriptions/{guid}/resourceGroups/{name}/providers/
 * Microsoft.ManagedIdentity/userAssignedIdentities/{name}`, segment names case-insensitive).
 *
 * @param input - The kind, the raw value and (optionally) the variable name for messages.
 * @returns A frozen `{ clientId }`, `{ resourceId }` or `{ objectId }`, the value unchanged.
 * @throws `IdentityNotSetError` when the value is `undefined` or empty.
 * @throws `PastedValueError` for leading/trailing whitespace, a line break or quotes.
 * @throws `InvalidGuidError` for a client or object ID that is not a GUID (names the character and position).
 * @throws `InvalidResourceIdError` / `NotAUserAssignedIdentityError` for a wrong resource ID.
 * @throws `InvalidOptionError` when `kind` is unknown or `value` is not a string.
 * @example
 * ```ts
 * const selector = parseIdentitySelector({ kind: 'objectId', value: process.env.AZURE_MANAGED_IDENTITY_OBJECT_ID })
 * // { objectId: '…' }
 * ```
 */
export function parseIdentitySelector(input: ParseIdentitySelectorInput): IdentitySelector {
  if (typeof input !== 'object' || input === null) {
    throw new InvalidOptionError({
      option: 'parseIdentitySelector(input)',
      expected: 'an object { kind, value }',
      received: describeType(input),
    })
  }
  const kind: unknown = input.kind
  const value: unknown = input.value
  if (!isIdentityKind(kind)) {
    throw new InvalidOptionError({
      option: 'parseIdentitySelector({ kind })',
      expected: `one of ${IDENTITY_KINDS.join(', ')}`,
      received: typeof kind === 'string' ? JSON.stringify(kind.slice(0, 40)) : describeType(kind),
    })
  }
  const variable =
    typeof input.variable === 'string' && input.variable !== '' ? input.variable : IDENTITY_VARIABLES[kind]
  if (value === undefined || value === '') {
    throw new IdentityNotSetError({ kinds: [kind], variables: [variable] })
  }
  if (typeof value !== 'string') {
    throw new InvalidOptionError({
      option: variable,
      expected: 'a string',
      received: describeType(value),
    })
  }
  const pasted = findPastedDecoration(value)
  if (pasted !== undefined) {
    throw new PastedValueError({
      variable,
      decoration: pasted.decoration,
      description: pasted.description,
      cleaned: pasted.cleaned,
    })
  }
  if (kind === 'resourceId') {
    parseIdentityResourceId(value, variable)
    return makeSelector(kind, value)
  }
  const problem = findGuidProblem(value)
  if (problem !== undefined) {
    throw new InvalidGuidError({
      variable,
      kind,
      value,
      reason: problem.reason,
      position: problem.position,
      character: problem.character,
      hint: problem.hint,
    })
  }
  return makeSelector(kind, value)
}

/**
 * Returns which kind a selector is.
 *
 * @param selector - A valid selector.
 * @returns `clientId`, `resourceId` or `objectId`.
 * @example
 * ```ts
 * selectorKind({ resourceId }) // 'resourceId'
 * ```
 */
export function selectorKind(selector: IdentitySelector): IdentityKind {
  return selector.clientId !== undefined
    ? 'clientId'
    : selector.resourceId !== undefined
      ? 'resourceId'
      : 'objectId'
}

/**
 * Returns a selector's identifier value.
 *
 * @param selector - A valid selector.
 * @returns The client ID, resource ID or object ID.
 * @example
 * ```ts
 * selectorValue({ clientId: 'abc…' }) // 'abc…'
 * ```
 */
export function selectorValue(selector: IdentitySelector): string {
  if (selector.clientId !== undefined) return selector.clientId
  if (selector.resourceId !== undefined) return selector.resourceId
  return selector.objectId ?? ''
}

const KNOWN_ALIASES: Readonly<Record<string, string>> = {
  principalId: 'the principal ID is the object ID: use { objectId }',
  principal_id: 'the principal ID is the object ID: use { objectId }',
  client_id: 'use { clientId }',
  object_id: 'use { objectId }',
  mi_res_id: 'use { resourceId }',
  msi_res_id: 'use { resourceId }',
  id: 'an identity\'s "id" is its resource ID: use { resourceId }',
  managedIdentityClientId: 'use { clientId }',
  managedIdentityResourceId: 'use { resourceId }',
}

/**
 * Checks at run time that a value is exactly one of `{ clientId }`, `{ resourceId }`, `{ objectId }` with a valid
 * value — for selectors that come from JavaScript callers or configuration, where the types do not protect you.
 *
 * @param value - The candidate selector.
 * @param origin - How errors name it. Default: `the identity selector`.
 * @returns The selector, frozen, with only its one key.
 * @throws `InvalidSelectorError` for a string (always a client ID to the SDK — ERRATA #1), a non-object, no key, several keys, or an unknown key such as `principalId`.
 * @throws `InvalidGuidError` / `PastedValueError` / `InvalidResourceIdError` / `NotAUserAssignedIdentityError` for a bad value.
 * @example
 * ```ts
 * const selector = assertIdentitySelector(JSON.parse(config).identity)
 * ```
 */
export function assertIdentitySelector(value: unknown, origin = 'the identity selector'): IdentitySelector {
  if (typeof value === 'string') {
    throw new InvalidSelectorError({ origin, reason: `it is a string (${[...value].length} characters)` })
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidSelectorError({ origin, reason: `it is ${describeType(value)}` })
  }
  const record = value as Record<string, unknown>
  const unknownKeys = Object.keys(record).filter((key) => !isIdentityKind(key))
  const [firstUnknown] = unknownKeys
  if (firstUnknown !== undefined) {
    const advice = KNOWN_ALIASES[firstUnknown]
    throw new InvalidSelectorError({
      origin,
      reason: `it has the key ${JSON.stringify(firstUnknown.slice(0, 40))}${advice === undefined ? '' : ` (${advice})`}`,
    })
  }
  const present = IDENTITY_KINDS.filter((kind) => record[kind] !== undefined)
  const [kind] = present
  if (kind === undefined) {
    throw new InvalidSelectorError({ origin, reason: 'it has none of clientId, resourceId, objectId' })
  }
  if (present.length > 1) {
    throw new InvalidSelectorError({
      origin,
      reason: `it has ${present.join(' and ')}`,
      why: 'ManagedIdentityCredential accepts exactly one identifier and throws when given several.',
    })
  }
  const raw = record[kind]
  if (typeof raw !== 'string') {
    throw new InvalidSelectorError({ origin, reason: `its ${kind} is ${describeType(raw)}, not a string` })
  }
  return parseIdentitySelector({
    kind,
    value: raw,
    variable: `selector.${kind}`,
  })
}
