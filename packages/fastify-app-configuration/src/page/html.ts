/** Text already escaped for HTML. Only {@link html} creates it. */
export class SafeHtml {
  readonly #value: string
  constructor(value: string) {
    this.#value = value
  }
  /** The HTML text. */
  toString(): string {
    return this.#value
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
}

/**
 * Escapes text for HTML element content and quoted attribute values.
 *
 * @param text - Any text.
 * @returns The escaped text.
 * @example
 * ```ts
 * escapeHtml('<b>"x"</b>') // '&lt;b&gt;&quot;x&quot;&lt;/b&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (character) => ESCAPES[character] ?? character)
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.toString()
  if (Array.isArray(value)) return value.map(render).join('')
  if (value === undefined || value === null || value === false) return ''
  return escapeHtml(String(value))
}

/**
 * A template tag that escapes every interpolated value, unless it is itself the result of `html` (arrays are
 * joined). Everything the page shows comes through it.
 *
 * @example
 * ```ts
 * html`<td>${key}</td>`.toString() // key escaped
 * ```
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? ''
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '')
  })
  return new SafeHtml(out)
}
