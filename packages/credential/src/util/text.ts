import type { EnvLike } from './env.js'
import { readVar, SECRET_VARIABLES } from './env.js'

const NAMED_CHARACTERS: ReadonlyMap<number, string> = new Map([
  [0x09, 'TAB'],
  [0x0a, 'LINE FEED'],
  [0x0d, 'CARRIAGE RETURN'],
  [0x20, 'SPACE'],
  [0xa0, 'NO-BREAK SPACE'],
  [0xad, 'SOFT HYPHEN'],
  [0x2010, 'HYPHEN'],
  [0x2011, 'NON-BREAKING HYPHEN'],
  [0x2012, 'FIGURE DASH'],
  [0x2013, 'EN DASH'],
  [0x2014, 'EM DASH'],
  [0x2015, 'HORIZONTAL BAR'],
  [0x2212, 'MINUS SIGN'],
  [0x200b, 'ZERO WIDTH SPACE'],
  [0x200c, 'ZERO WIDTH NON-JOINER'],
  [0x200d, 'ZERO WIDTH JOINER'],
  [0x2060, 'WORD JOINER'],
  [0xfeff, 'BYTE ORDER MARK'],
  [0x2018, 'LEFT SINGLE QUOTATION MARK'],
  [0x2019, 'RIGHT SINGLE QUOTATION MARK'],
  [0x201c, 'LEFT DOUBLE QUOTATION MARK'],
  [0x201d, 'RIGHT DOUBLE QUOTATION MARK'],
])

/** Characters that look like `-` but are not. */
export const DASH_LOOKALIKES: ReadonlySet<number> = new Set([
  0xad, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212,
])

/**
 * Describes one character so that a reader can find it: `'g'` for printable ASCII, `U+2013 EN DASH` otherwise.
 */
export function describeCharacter(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0
  if (codePoint > 0x20 && codePoint < 0x7f) return `'${character}'`
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`
  const name = NAMED_CHARACTERS.get(codePoint)
  return name === undefined ? hex : `${hex} ${name}`
}

const JWT_LIKE = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/
const ENTRA_SECRET_LIKE = /^[A-Za-z0-9_.~-]{30,48}$/

/**
 * Renders a received value for a message: JSON-quoted (so whitespace and quotes show), shortened when long, and
 * replaced by its length when it looks like a token or a client secret pasted into the wrong variable.
 */
export function echo(value: string): string {
  const length = [...value].length
  if (JWT_LIKE.test(value) || (ENTRA_SECRET_LIKE.test(value) && value.includes('~'))) {
    return `a ${length}-character value that looks like a token or secret (not shown)`
  }
  const shown = length > 200 ? `${[...value].slice(0, 200).join('')}…` : value
  return JSON.stringify(shown)
}

/**
 * Removes what must never reach a message or a log from text that came from elsewhere (an SDK error message):
 * JWTs, bearer tokens, identity headers, client secrets, and the values of the secret variables in `env`.
 */
export function redact(text: string, env: EnvLike): string {
  let result = text
  for (const name of SECRET_VARIABLES) {
    const secret = readVar(env, name)
    if (secret !== undefined && secret.trim().length >= 4) result = result.split(secret).join('[REDACTED]')
  }
  return result
    .replace(/eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, '[REDACTED token]')
    .replace(/\b(bearer)\s+[^\s"',;]+/gi, '$1 [REDACTED]')
    .replace(
      /\b(authorization|x-identity-header|identity_header|msi_secret|client_secret|secret)(["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi,
      '$1$2[REDACTED]',
    )
}

/** Quotes a value for a POSIX shell command line when it needs quoting. Placeholders (`<...>`) stay as they are. */
export function shellArg(value: string): string {
  if (/^<[a-z0-9-]+>$/.test(value)) return value
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value
  return `'${value.replaceAll("'", `'\\''`)}'`
}

/** JSON-quotes a short piece of a value (a name, a segment), shortened to `max` characters. */
export function quote(value: string, max = 100): string {
  const characters = [...value]
  return JSON.stringify(characters.length > max ? `${characters.slice(0, max).join('')}…` : value)
}
