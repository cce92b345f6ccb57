import type { PastedDecoration } from '../errors/pasted-value-error.js'
import { describeCharacter } from '../util/text.js'

/** What was pasted along with a value, and the value without it. */
export interface PastedProblem {
  readonly decoration: PastedDecoration
  readonly description: string
  readonly cleaned: string
}

const QUOTES = new Set([
  '"',
  "'",
  '`',
  '\u2018',
  '\u2019',
  '\u201a',
  '\u201b',
  '\u201c',
  '\u201d',
  '\u201e',
  '\u00ab',
  '\u00bb',
])
const INVISIBLE = new Set(['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'])

function isBlank(character: string): boolean {
  return /\s/u.test(character) || INVISIBLE.has(character)
}

function describeWhitespace(character: string): string {
  if (character === '\r') return 'CARRIAGE RETURN (a Windows line ending)'
  if (character === '\n') return 'line break'
  if (character === ' ') return 'space'
  return describeCharacter(character)
}

function strip(value: string): string {
  const characters = [...value]
  let start = 0
  let end = characters.length
  while (start < end && (isBlank(characters[start] ?? '') || QUOTES.has(characters[start] ?? ''))) start++
  while (end > start && (isBlank(characters[end - 1] ?? '') || QUOTES.has(characters[end - 1] ?? ''))) end--
  return characters.slice(start, end).join('')
}

/**
 * Finds whitespace, invisible characters or quotes at either end of a value, or a value that is only whitespace.
 * Returns `undefined` when the ends are clean.
 */
export function findPastedDecoration(value: string): PastedProblem | undefined {
  const characters = [...value]
  const first = characters[0]
  const last = characters[characters.length - 1]
  if (first === undefined || last === undefined) return undefined
  if (characters.every(isBlank)) {
    return { decoration: 'blank', description: 'a blank value (only whitespace)', cleaned: '' }
  }
  const cleaned = strip(value)
  if (QUOTES.has(first) || QUOTES.has(last)) {
    const quote = QUOTES.has(first) ? first : last
    const both = QUOTES.has(first) && QUOTES.has(last)
    return {
      decoration: 'quotes',
      description: `${both ? 'surrounding quotes' : 'a stray quote'} (${describeCharacter(quote)})`,
      cleaned,
    }
  }
  if (isBlank(first)) {
    return {
      decoration: 'leading-whitespace',
      description: `a leading ${describeWhitespace(first)}`,
      cleaned,
    }
  }
  if (isBlank(last)) {
    return {
      decoration: 'trailing-whitespace',
      description: `a trailing ${describeWhitespace(last)}`,
      cleaned,
    }
  }
  return undefined
}
