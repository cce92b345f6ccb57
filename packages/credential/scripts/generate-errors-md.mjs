// Writes ERRORS.md from the error catalogue of the built package. Run `npm run build` first.
import { writeFileSync } from 'node:fs'
import { renderErrorCatalogueMarkdown } from '@uami/credential/diagnostics'

writeFileSync(new URL('../ERRORS.md', import.meta.url), renderErrorCatalogueMarkdown())
console.log('ERRORS.md written')
