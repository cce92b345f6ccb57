import { DASH_LOOKALIKES, describeCharacter } from '../util/text.js'

/** Why a string is not a GUID. */
export interface GuidProblem {
  /** Sentence fragment, e.g. `character 'g' at position 15 is not a hexadecimal digit`. */
  readonly reason: string
  /** 1-based position of the first wrong character, when there is one. */
  readonly position?: number
  /** The first wrong character, described. */
  readonly character?: string
  /** An extra sentence, when the mistake is a common one. */
  readonly hint?: string
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/
const HYPHEN_POSITIONS = new Set([8, 13, 18, 23])
const HEX = /^[0-9a-fA-F]$/

/** `true` when `value` is a GUID in the 8-4-4-4-12 form (either case). */
export function isGuid(value: string): boolean {
  return GUID.test(value)
}

/**
 * Finds the first reason `value` is not a GUID, or `undefined` when it is one. Positions count characters (code
 * points), starting at 1, as a reader would.
 */
export function findGuidProblem(value: string): GuidProblem | undefined {
  if (GUID.test(value)) return undefined
  const characters = [...value]
  if (characters.length === 0) return { reason: 'it is empty' }
  if (value.startsWith('{') && value.endsWith('}') && GUID.test(value.slice(1, -1))) {
    return {
      reason: 'it is wrapped in braces',
      position: 1,
      character: "'{'",
      hint: 'The {…} form is a .NET rendering; remove the braces.',
    }
  }
  if (/^[0-9a-fA-F]{32}$/.test(value)) {
    return {
      reason: 'it has no hyphens',
      hint: 'Write it in the 8-4-4-4-12 form with hyphens, as az prints it.',
    }
  }
  if (/^\/?subscriptions\//i.test(value)) {
    return {
      reason: 'it is a resource ID',
      position: 1,
      character: describeCharacter(characters[0] ?? ''),
      hint: 'Put a resource ID in AZURE_MANAGED_IDENTITY_RESOURCE_ID instead.',
    }
  }
  const limit = Math.min(characters.length, 36)
  for (let index = 0; index < limit; index++) {
    const character = characters[index] ?? ''
    const position = index + 1
    const described = describeCharacter(character)
    const codePoint = character.codePointAt(0) ?? 0
    if (HYPHEN_POSITIONS.has(index)) {
      if (character === '-') continue
      if (DASH_LOOKALIKES.has(codePoint)) {
        return {
          reason: `character ${described} at position ${position} looks like '-' but is not`,
          position,
          character: described,
          hint: 'Typographic dashes come from documents and chat apps; type a plain hyphen-minus.',
        }
      }
      if (HEX.test(character)) {
        const groups = value.split('-').map((group) => [...group].length)
        return {
          reason: `position ${position} should be '-' but is ${described} (the groups have ${groups.join('-')} digits, expected 8-4-4-4-12)`,
          position,
          character: described,
        }
      }
      return {
        reason: `position ${position} should be '-' but is ${described}`,
        position,
        character: described,
      }
    }
    if (HEX.test(character)) continue
    if (character === '-') {
      const groups = value.split('-').map((group) => [...group].length)
      return {
        reason: `character '-' at position ${position} is misplaced (the groups have ${groups.join('-')} digits, expected 8-4-4-4-12)`,
        position,
        character: described,
      }
    }
    return {
      reason: `character ${described} at position ${position} is not a hexadecimal digit`,
      position,
      character: described,
      ...(DASH_LOOKALIKES.has(codePoint)
        ? { hint: 'It looks like a dash; type a plain hyphen-minus where one belongs.' }
        : /^[g-zG-Z]$/.test(character)
          ? { hint: 'GUIDs use only 0-9 and a-f.' }
          : {}),
    }
  }
  if (characters.length < 36) {
    return { reason: `it is too short: ${characters.length} characters, expected 36` }
  }
  const extra = characters[36] ?? ''
  return {
    reason: `it is too long: ${characters.length} characters, expected 36 (${describeCharacter(extra)} at position 37 is extra)`,
    position: 37,
    character: describeCharacter(extra),
  }
}
