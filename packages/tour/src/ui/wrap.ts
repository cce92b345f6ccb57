import { displayWidth } from './width.js'

/** A run of text inside a word and how to paint it (bold, code, …). */
export interface Piece {
  readonly text: string
  readonly paint?: ((text: string) => string) | undefined
}

/** One word of prose: the pieces it is made of (a word can be half bold). */
export type Word = readonly Piece[]

/** The narrowest room a wrapped line gets, whatever its indentation. */
const MIN_ROOM = 20

/** The words of unstyled text. */
export function plainWords(text: string): Word[] {
  return text
    .split(/ +/)
    .filter((word) => word !== '')
    .map((word) => [{ text: word }])
}

function render(word: Word): string {
  return word.map((piece) => (piece.paint ? piece.paint(piece.text) : piece.text)).join('')
}

function widthOf(word: Word): number {
  return word.reduce((sum, piece) => sum + displayWidth(piece.text), 0)
}

/**
 * Where a word longer than a line is cut: before a `/`, else after a `-`, `,`, `=`, `:` or `.`, when one is near
 * the end of the room (resource IDs and URLs break at their separators), otherwise at the room's end.
 */
export function breakIndex(text: string, room: number): number {
  const characters = [...text]
  const limit = Math.max(1, Math.min(room, characters.length - 1))
  const floor = Math.max(0, limit - 40)
  // A path separator first (a resource ID continues with "/providers/…"), then other separators.
  for (let index = limit; index > floor; index--) if (characters[index] === '/') return index
  for (let index = limit; index > floor; index--)
    if (/[-,=:.]/.test(characters[index - 1] ?? '')) return index
  return limit
}

function splitWord(word: Word, room: number): [Word, Word] {
  const plain = word.map((piece) => piece.text).join('')
  let cut = breakIndex(plain, room)
  const head: Piece[] = []
  const tail: Piece[] = []
  for (const piece of word) {
    const characters = [...piece.text]
    if (cut >= characters.length) {
      head.push(piece)
      cut -= characters.length
    } else if (cut > 0) {
      head.push({ ...piece, text: characters.slice(0, cut).join('') })
      tail.push({ ...piece, text: characters.slice(cut).join('') })
      cut = 0
    } else tail.push(piece)
  }
  return [head, tail]
}

/**
 * Wraps words into lines of at most `width` columns: `first` starts the first line, `rest` every other one (a
 * hanging indent). A word longer than a line is cut ({@link breakIndex}).
 *
 * @example
 * ```ts
 * wrapWords(plainWords('one two three'), 9) // ['one two', 'three']
 * ```
 */
export function wrapWords(words: readonly Word[], width: number, first = '', rest = first): string[] {
  const lines: string[] = []
  let line = first
  let used = displayWidth(first)
  let empty = true
  const newLine = () => {
    lines.push(line.trimEnd())
    line = rest
    used = displayWidth(rest)
    empty = true
  }
  for (const original of words) {
    let word = original
    let size = widthOf(word)
    if (!empty && used + 1 + size <= width) {
      line += ` ${render(word)}`
      used += 1 + size
      empty = false
      continue
    }
    if (!empty) newLine()
    while (used + size > width) {
      const [head, tail] = splitWord(word, Math.max(MIN_ROOM, width - used))
      line += render(head)
      newLine()
      word = tail
      size = widthOf(word)
    }
    line += render(word)
    used += size
    empty = false
  }
  lines.push(line.trimEnd())
  return lines
}

/**
 * Wraps each line of `text` that is wider than `width` columns, continuing it under its own indentation (and under
 * the text of a `• ` bullet); lines that fit are kept as they are. `paint` is applied to each line afterwards (so
 * colours never straddle a line break). `width` undefined: `text` as it is (no terminal: logs keep long lines).
 *
 * @example
 * ```ts
 * wrapText('verified: ARM lists App Configuration Data Reader for …', 77)
 * ```
 */
export function wrapText(
  text: string,
  width: number | undefined,
  paint: (line: string) => string = (line) => line,
): string {
  return text
    .split('\n')
    .flatMap((line) => {
      if (width === undefined || displayWidth(line) <= width) return [line]
      const own = /^ */.exec(line)?.[0] ?? ''
      const hanging = own + (line.slice(own.length).startsWith('• ') ? '  ' : '')
      return wrapWords(plainWords(line), width, own, hanging)
    })
    .map(paint)
    .join('\n')
}
