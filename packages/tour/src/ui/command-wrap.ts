import { displayWidth } from './width.js'
import { breakIndex } from './wrap.js'

/** One shell word as written (quotes kept), and where a `\`-newline may go inside it. */
interface ShellWord {
  readonly raw: string
  /** `cuttable[k]`: a `\`-newline between `raw[k - 1]` and `raw[k]` is removed by the shell (not in '…'). */
  readonly cuttable: readonly boolean[]
}

/**
 * Splits a POSIX command line into its words, quotes kept: spaces separate words except inside '…' or "…" or after
 * a backslash. For each position it records whether a backslash-newline there would be removed by the shell —
 * outside quotes and inside double quotes it is (a line continuation), inside single quotes it is not.
 */
function shellWords(command: string): ShellWord[] {
  const characters = [...command]
  const words: ShellWord[] = []
  let raw: string[] = []
  let cuttable: boolean[] = []
  let quote: "'" | '"' | undefined
  const finish = () => {
    if (raw.length > 0) words.push({ raw: raw.join(''), cuttable })
    raw = []
    cuttable = []
  }
  for (let index = 0; index < characters.length; index++) {
    const character = characters[index] ?? ''
    if (quote === undefined && (character === ' ' || character === '\t')) {
      finish()
      continue
    }
    // Not right after an escaping backslash, and never inside single quotes.
    const afterEscape = raw.length > 0 && raw.at(-1) === '\\' && quote !== "'"
    cuttable.push(quote !== "'" && !afterEscape && raw.length > 0 && raw.at(-1) !== '$')
    raw.push(character)
    if (character === '\\' && quote !== "'") {
      const next = characters[index + 1]
      if (next !== undefined) {
        cuttable.push(false)
        raw.push(next)
        index++
      }
      continue
    }
    if (quote === undefined && (character === "'" || character === '"')) quote = character
    else if (character === quote) quote = undefined
  }
  finish()
  return words
}

/**
 * Cuts one line of a word (`text`, starting at `offset` in the word) into chunks that fit: each chunk but the last
 * ends with `\` (the shell joins them back), and each chunk after the first starts at column 0 — an indent there
 * would become part of the word.
 */
function cutLine(
  text: string,
  offset: number,
  word: ShellWord,
  firstRoom: number,
  room: number,
  lastReserve: number,
): string[] {
  const chunks: string[] = []
  let rest = [...text]
  let start = offset
  let available = firstRoom
  while (displayWidth(rest.join('')) > available - lastReserve) {
    // Leave a column for the backslash; cut only where the shell removes a backslash-newline.
    let cut = breakIndex(rest.join(''), available - 1)
    while (cut > 1 && word.cuttable[start + cut] !== true) cut--
    if (word.cuttable[start + cut] !== true) break
    chunks.push(`${rest.slice(0, cut).join('')}\\`)
    rest = rest.slice(cut)
    start += cut
    available = room
  }
  chunks.push(rest.join(''))
  return chunks
}

/**
 * Lays a command out in lines of at most `width` columns that still paste and run as one command: it breaks
 * between words with a trailing ` \` and indents the next line by two spaces; a single word longer than a line
 * (a resource ID) is cut at a `/` with a trailing `\` and continues at column 0, where the shell joins it back.
 * Quoted words stay whole where quotes make a backslash literal ('…'). `width` undefined: the command as it is.
 *
 * @param command - One command line, quoted for a POSIX shell.
 * @param width - The columns available.
 * @param indent - Put before the first line (continuation lines get two more spaces).
 * @example
 * ```ts
 * wrapCommand('az role assignment create --assignee-object-id … --scope /subscriptions/…', 80)
 * ```
 */
export function wrapCommand(command: string, width: number | undefined, indent = ''): string[] {
  if (width === undefined)
    return command.split('\n').map((line, index) => (index === 0 ? indent + line : line))
  const words = shellWords(command)
  const continuation = `${indent}  `
  const lines: string[] = []
  let line = indent
  let fresh = true
  const breakLine = () => {
    lines.push(`${line} \\`)
    line = continuation
    fresh = true
  }
  const place = (word: ShellWord, last: boolean) => {
    const reserve = last ? 0 : 2
    const parts = word.raw.split('\n')
    const first = parts[0] ?? ''
    const fitsHere =
      displayWidth(line) + (fresh ? 0 : 1) + displayWidth(first) + (parts.length === 1 ? reserve : 0) <= width
    if (!fitsHere && !fresh) breakLine()
    let offset = 0
    for (const [partIndex, part] of parts.entries()) {
      const lastPart = partIndex === parts.length - 1
      const lead = partIndex === 0 ? `${line}${fresh ? '' : ' '}` : ''
      const chunks = cutLine(part, offset, word, width - displayWidth(lead), width, lastPart ? reserve : 0)
      chunks.forEach((chunk, chunkIndex) => {
        const text = chunkIndex === 0 ? lead + chunk : chunk
        if (lastPart && chunkIndex === chunks.length - 1) line = text
        else lines.push(text)
      })
      offset += [...part].length + 1
    }
    fresh = false
  }
  for (let index = 0; index < words.length; index++) {
    const word = words[index] as ShellWord
    const value = words[index + 1]
    // An option and its value stay on one line when they fit on one.
    if (index > 0 && word.raw.startsWith('-') && value !== undefined && !value.raw.startsWith('-')) {
      const pair = `${word.raw} ${value.raw}`
      const reserve = index + 1 === words.length - 1 ? 0 : 2
      if (!pair.includes('\n') && displayWidth(continuation) + displayWidth(pair) + reserve <= width) {
        if (!fresh && displayWidth(line) + 1 + displayWidth(pair) + reserve > width) breakLine()
        line += `${fresh ? '' : ' '}${pair}`
        fresh = false
        index++
        continue
      }
    }
    place(word, index === words.length - 1)
  }
  lines.push(line)
  return lines
}
