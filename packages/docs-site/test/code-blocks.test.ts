import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from './helpers/site.ts'

// Every TypeScript a guide shows comes from a tested file: the samples' own source (their tests build and run it
// against the emulator) or the credential package's examples (run by its examples test). A literal ```ts block in
// a guide could drift from the code; an include cannot.
const GUIDES = join(REPO_ROOT, 'docs/guides')
const TESTED = [/^samples\/[a-z-]+\/src\/[a-z-]+\.ts$/, /^packages\/credential\/examples\/[a-z-]+\.ts$/]

const pages = readdirSync(GUIDES)
  .filter((file) => file.endsWith('.md'))
  .map((file) => ({ file, text: readFileSync(join(GUIDES, file), 'utf8') }))

describe('code in the guides', () => {
  it('has no literal TypeScript or JavaScript block: code comes in with {@includeCode}', () => {
    const literal = pages.flatMap(({ file, text }) =>
      [...text.matchAll(/^```(ts|typescript|js|javascript|mjs)\s*$/gm)].map(() => file),
    )
    expect(literal).toEqual([])
  })

  it('includes only files that exist and that a test builds or runs', () => {
    const included = pages.flatMap(({ text }) =>
      [...text.matchAll(/\{@includeCode ([^}#\s]+)(?:#[\w-]+)?\}/g)].map((match) =>
        relative(REPO_ROOT, resolve(GUIDES, match[1] ?? '')),
      ),
    )
    expect(included.length).toBeGreaterThan(5)
    for (const file of included) {
      expect(existsSync(join(REPO_ROOT, file)), file).toBe(true)
      expect(
        TESTED.some((pattern) => pattern.test(file)),
        `${file} is not a tested file`,
      ).toBe(true)
    }
  })
})
