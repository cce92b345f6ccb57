import { errorCatalogue } from './catalogue.js'

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ')
}

/**
 * Renders {@link errorCatalogue} as a Markdown page with a Code | Meaning | How to fix table. The package's
 * `ERRORS.md` is this output; a test fails when the two differ.
 *
 * @returns The Markdown text, ending with a newline.
 * @example
 * ```ts
 * await writeFile('errors.md', renderErrorCatalogueMarkdown())
 * ```
 */
export function renderErrorCatalogueMarkdown(): string {
  const rows = errorCatalogue.map(
    (entry) =>
      `| <a id="${entry.code.toLowerCase()}"></a>\`${entry.code}\` | ${cell(entry.meaning)} | ${cell(entry.fix)} |`,
  )
  return [
    '# @uami/credential error codes',
    '',
    '<!-- Generated from src/errors/catalogue.ts by `npm run errors:md`. Do not edit by hand. -->',
    '',
    'Every error this package throws or returns is a `UamiCredentialError` with a stable `code`, a `fix` and,',
    'when something else failed first, a `cause`. Each message reads *what failed. why. what to do next.* and',
    'carries the exact command with your names filled in; the table below is the general form.',
    '',
    '`isUamiCredentialError(error, code?)` recognises these errors; `UamiCredentialError` extends `UamiError`,',
    "the base of every uami package's errors, which `isUamiError(error, code?)` recognises.",
    '',
    '| Code | Meaning | How to fix |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n')
}
