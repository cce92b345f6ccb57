import type { Style } from './style.js'

/**
 * Renders the explanations' small markdown subset for a terminal: `**bold**`, `` `code` ``, bullet lists and
 * pipe tables (aligned). Anything else is printed as it is.
 *
 * @example
 * ```ts
 * process.stdout.write(renderMarkdown(explanation('attach'), styleFor(process.stdout)))
 * ```
 */
export function renderMarkdown(markdown: string, style: Style): string {
  const lines = markdown.split('\n')
  const out: string[] = []
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? ''
    if (line.startsWith('|')) {
      const table: string[][] = []
      while (index < lines.length && (lines[index] ?? '').startsWith('|')) {
        const cells = (lines[index] ?? '')
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim())
        if (!cells.every((cell) => /^:?-+:?$/.test(cell))) table.push(cells)
        index++
      }
      index--
      out.push(...renderTable(table, style))
      continue
    }
    out.push(inline(line.replace(/^- /, '• ').replace(/^ {2}(?=\S)/, '  '), style))
  }
  return out.join('\n')
}

function renderTable(rows: string[][], style: Style): string[] {
  const widths: number[] = []
  for (const row of rows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, plain(cell).length)
    })
  }
  return rows.map((row, rowIndex) => {
    const text = row
      .map((cell, column) => inline(cell, style) + ' '.repeat((widths[column] ?? 0) - plain(cell).length))
      .join('  ')
    return rowIndex === 0 ? style.bold(text) : text
  })
}

function plain(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/(?<!\w)[_*]([^_*\s][^_*]*)[_*](?!\w)/g, '$1')
}

function inline(text: string, style: Style): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, (_, bold: string) => style.bold(bold))
    .replace(/`([^`]+)`/g, (_, code: string) => style.cyan(code))
    .replace(/(?<!\w)[_*]([^_*\s][^_*]*)[_*](?!\w)/g, (_, emphasis: string) => style.italic(emphasis))
}
