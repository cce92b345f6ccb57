import { errorCatalogue } from '@uami/credential'
import { errorCatalogue as sampleErrorCatalogue } from '@uami/fastify-app-configuration'
import { provisionErrorCatalogue } from '@uami/provision'
import { tourErrorCatalogue } from '@uami/tour'
import { GENERATED_NOTICE, tableCell } from './markdown.ts'

/** One row of any uami package's error catalogue (they all share this shape). */
export interface CatalogueRow {
  readonly code: string
  readonly meaning: string
  readonly fix: string
}

/** A package's error catalogue, as the docs show it. */
export interface CatalogueSection {
  /** The npm package that exports the catalogue. */
  readonly packageName: string
  /** The exported constant it comes from. */
  readonly exportName: string
  /** One sentence on when these codes appear. */
  readonly intro: string
  readonly rows: readonly CatalogueRow[]
}

/** Every error catalogue the packages export, in the order a reader meets them. */
export const CATALOGUE_SECTIONS: readonly CatalogueSection[] = [
  {
    packageName: '@uami/credential',
    exportName: 'errorCatalogue',
    intro:
      'Thrown or returned by the credential package: identity variables, host detection, credential choice, and `explainAuthError` for failures of the token or App Configuration call.',
    rows: errorCatalogue,
  },
  {
    packageName: '@uami/fastify-app-configuration',
    exportName: 'errorCatalogue',
    intro:
      'Raised by the three samples through the settings plugin they use: environment validation at startup, loading and refreshing the settings, and the `code` of their HTTP error answers.',
    rows: sampleErrorCatalogue,
  },
  {
    packageName: '@uami/provision',
    exportName: 'provisionErrorCatalogue',
    intro: 'Raised by the provisioning steps the tour runs through Azure Resource Manager.',
    rows: provisionErrorCatalogue,
  },
  {
    packageName: '@uami/tour',
    exportName: 'tourErrorCatalogue',
    intro: 'Raised by the `uami` command itself (the tour and `uami doctor`).',
    rows: tourErrorCatalogue,
  },
]

/** The anchor of a code on the troubleshooting page: the code in lower case, e.g. `uami_cred_invalid_guid`. */
export function codeAnchor(code: string): string {
  return code.toLowerCase()
}

/**
 * Renders the error catalogues as Markdown: one Code | Meaning | How to fix table per package, each code with an
 * anchor so that messages and other pages can link to it. Included by the troubleshooting guide.
 */
export function renderErrorCatalogue(sections: readonly CatalogueSection[] = CATALOGUE_SECTIONS): string {
  const parts = [GENERATED_NOTICE, '']
  for (const section of sections) {
    parts.push(
      `### ${section.packageName}`,
      '',
      `${section.intro} Source: \`${section.exportName}\` exported by \`${section.packageName}\`.`,
      '',
      '| Code | Meaning | How to fix |',
      '| --- | --- | --- |',
      ...section.rows.map(
        (row) =>
          `| <a id="${codeAnchor(row.code)}"></a>\`${row.code}\` | ${tableCell(row.meaning)} | ${tableCell(row.fix)} |`,
      ),
      '',
    )
  }
  return parts.join('\n')
}
