import type { Style } from './style.js'
import { type Cell, layoutTable } from './table.js'
import type { Piece, Word } from './wrap.js'
import { wrapWords } from './wrap.js'

/** A list item's marker: `- ` or `1. `. */
const ITEM = /^(?:- |\d+\. )/

const INLINE = /\*\*(.+?)\*\*|`([^`]+)`|(?<!\w)[_*]([^_*\s][^_*]*)[_*](?!\w)/g

/** The words of one line of inline markdown (`**bold**`, `` `code` ``, `_emphasis_`), each piece painted. */
export function markdownWords(text: string, style: Style): Word[] {
  const pieces: Piece[] = []
  let last = 0
  for (const match of text.matchAll(INLINE)) {
    if (match.index > last) pieces.push({ text: text.slice(last, match.index) })
    if (match[1] !== undefined) pieces.push({ text: match[1], paint: style.bold })
    else if (match[2] !== undefined) pieces.push({ text: match[2], paint: style.cyan })
    else pieces.push({ text: match[3] ?? '', paint: style.italic })
    last = match.index + match[0].length
  }
  if (last < text.length) pieces.push({ text: text.slice(last) })
  const words: Piece[][] = [[]]
  for (const piece of pieces) {
    piece.text.split(' ').forEach((part, index) => {
      if (index > 0) words.push([])
      if (part !== '') words.at(-1)?.push({ ...piece, text: part })
    })
  }
  return words.filter((word) => word.length > 0)
}

/**
 * Renders the explanations' small markdown subset for a terminal of `width` columns: paragraphs and bullet
 * items reflow (their source line breaks are not kept), `**bold**`, `` `code` `` and `_emphasis_` are painted,
 * and pipe tables are aligned — or wrap, or become lists, when they do not fit ({@link layoutTable}). Without a
 * width the source lines are kept as they are.
 *
 * @example
 * ```ts
 * process.stdout.write(renderMarkdown(explanation('attach'), styleFor(process.stdout), 77))
 * ```
 */
export function renderMarkdown(markdown: string, style: Style, width?: number | undefined): string {
  const lines = markdown.split('\n')
  const out: string[] = []
  const room = width ?? Number.POSITIVE_INFINITY
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? ''
    if (line.startsWith('|')) {
      const table: Cell[][] = []
      while (index < lines.length && (lines[index] ?? '').startsWith('|')) {
        const cells = (lines[index] ?? '')
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim())
        if (!cells.every((cell) => /^:?-+:?$/.test(cell)))
          table.push(cells.map((cell) => markdownWords(cell, style)))
        index++
      }
      index--
      const [header = [], ...rows] = table
      out.push(...layoutTable(header, rows, { width, header: style.bold }))
      continue
    }
    if (line.trim() === '') {
      out.push('')
      continue
    }
    const marker = ITEM.exec(line)?.[0]
    const bullet = marker === undefined ? '' : marker.startsWith('-') ? '• ' : marker
    // A paragraph or list item goes on until a blank line, a table, or the next item.
    let text = marker === undefined ? line : line.slice(marker.length)
    if (width !== undefined) {
      while (index + 1 < lines.length) {
        const next = lines[index + 1] ?? ''
        if (next.trim() === '' || next.startsWith('|') || ITEM.test(next)) break
        if (marker !== undefined && !next.startsWith('  ')) break
        text += ` ${next.trim()}`
        index++
      }
      out.push(...wrapWords(markdownWords(text, style), room, bullet, ' '.repeat(bullet.length)))
    } else {
      const own = marker === undefined ? (/^ */.exec(line)?.[0] ?? '') : bullet
      out.push(own + wrapWords(markdownWords(text.trimStart(), style), room)[0])
    }
  }
  return out.join('\n')
}
