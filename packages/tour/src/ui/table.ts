import { displayWidth } from './width.js'
import { plainWords, type Word, wrapWords } from './wrap.js'

/** One cell: its words (so that it can wrap inside its column). */
export type Cell = readonly Word[]

/** How {@link layoutTable} draws. */
export interface TableOptions {
  /** The columns available; `undefined`: no limit (logs). */
  width?: number | undefined
  /** Paints the header line (e.g. bold). */
  header?: ((text: string) => string) | undefined
  /** Draw a `───` rule under the header. */
  rule?: boolean | undefined
}

const GAP = '  '

function join(cell: Cell): string {
  return wrapWords(cell, Number.POSITIVE_INFINITY)[0] ?? ''
}

function cellWidth(cell: Cell): number {
  return displayWidth(join(cell))
}

function longestWord(cell: Cell): number {
  return Math.max(0, ...cell.map((word) => displayWidth(word.map((piece) => piece.text).join(''))))
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)))
}

function columns(
  all: readonly (readonly Cell[])[],
  count: number,
  measure: (cell: Cell) => number,
): number[] {
  return Array.from({ length: count }, (_, column) =>
    Math.max(0, ...all.map((row) => measure(row[column] ?? []))),
  )
}

/**
 * Lays out a table in `width` columns: aligned columns when it fits; otherwise its cells wrap inside their columns
 * when every column still holds its longest word; otherwise it becomes a list — one entry per row, titled by the
 * row's first cell, with each other cell under its column's name.
 *
 * @example
 * ```ts
 * layoutTable([cell('sample'), cell('verify')], [[cell('vm'), cell('✔ verified')]], { width: 80 }).join('\n')
 * ```
 */
export function layoutTable(
  header: readonly Cell[],
  rows: readonly (readonly Cell[])[],
  options: TableOptions = {},
): string[] {
  const count = header.length
  const all = [header, ...rows]
  const natural = columns(all, count, cellWidth)
  const width = options.width ?? Number.POSITIVE_INFINITY
  const gaps = GAP.length * (count - 1)
  const paintHeader = options.header ?? ((text: string) => text)
  const total = (widths: readonly number[]) => widths.reduce((sum, each) => sum + each, 0) + gaps
  let widths: number[] | undefined
  if (total(natural) <= width) widths = natural
  else {
    const minimum = columns(all, count, longestWord)
    if (total(minimum) <= width) {
      const extra = width - total(minimum)
      const wanted = natural.map((each, column) => each - (minimum[column] ?? 0))
      const sum = wanted.reduce((a, b) => a + b, 0) || 1
      widths = minimum.map((each, column) => each + Math.floor((extra * (wanted[column] ?? 0)) / sum))
    }
  }
  if (widths === undefined) return listLayout(header, rows, width, paintHeader)
  const chosen = widths
  const draw = (row: readonly Cell[]): string[] => {
    const cells = chosen.map((columnWidth, column) => wrapWords(row[column] ?? [], columnWidth))
    const height = Math.max(...cells.map((lines) => lines.length))
    return Array.from({ length: height }, (_, line) =>
      cells
        .map((lines, column) => pad(lines[line] ?? '', chosen[column] ?? 0))
        .join(GAP)
        .trimEnd(),
    )
  }
  return [
    ...draw(header).map(paintHeader),
    ...(options.rule ? [chosen.map((each) => '─'.repeat(each)).join(GAP)] : []),
    ...rows.flatMap(draw),
  ]
}

function listLayout(
  header: readonly Cell[],
  rows: readonly (readonly Cell[])[],
  width: number,
  paintHeader: (text: string) => string,
): string[] {
  const labels = header.slice(1).map(join)
  const labelWidth = Math.max(0, ...labels.map(displayWidth))
  const indent = `  ${' '.repeat(labelWidth)}${GAP}`
  return rows.flatMap((row, index) => [
    ...(index > 0 ? [''] : []),
    ...wrapWords(row[0] ?? [], width),
    ...row.slice(1).flatMap((cell, index) => {
      const label = `  ${pad(paintHeader(labels[index] ?? ''), labelWidth)}${GAP}`
      return cell.length === 0 ? [label.trimEnd()] : wrapWords(cell, width, label, indent)
    }),
  ])
}

/**
 * Renders rows of plain text as a table with a header and a rule under it (no colours: it is also what CI logs
 * show), fitted to `width` columns as {@link layoutTable} does.
 *
 * @example
 * ```ts
 * renderTable(['sample', 'verify'], [['app-service', '✔']], 80)
 * ```
 */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  width?: number | undefined,
): string {
  const cells = (row: readonly string[]) => row.map((text) => plainWords(text))
  return layoutTable(cells(header), rows.map(cells), { width, rule: true }).join('\n')
}
