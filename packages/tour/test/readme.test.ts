import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { USAGE } from '../src/cli/usage.js'
import { runDoctor } from '../src/doctor/run-doctor.js'
import { tourErrorCatalogue } from '../src/errors/catalogue.js'

const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8')

describe('the README of @uami/tour', () => {
  it('shows the usage text the CLI prints', () => {
    expect(readme).toContain(USAGE.trimEnd())
  })

  it('lists every error code of the tour', () => {
    const rows = readme.replace(/ {2,}/g, ' ')
    for (const entry of tourErrorCatalogue)
      expect(rows).toContain(`| \`${entry.code}\` | ${entry.meaning} | ${entry.fix} |`)
  })

  it('documents the doctor JSON with the fields the doctor prints', async () => {
    const example = JSON.parse(/```json\n([\s\S]+?)\n```/.exec(readme)?.[1] ?? '{}') as Record<
      string,
      unknown
    >
    // An environment with no identity at all: the doctor stops at the identifier check, without any network call.
    const report = await runDoctor({ env: {} })
    expect(Object.keys(example).sort()).toEqual(Object.keys(report).sort())
    expect(example.schema).toBe(report.schema)
    const checks = example.checks as { id: string }[]
    expect(checks.map((check) => check.id)).toEqual(report.checks.map((check) => check.id))
    expect(report.diagnosis).toMatchObject({
      check: 'identifier',
      diagnosis: 'identifier-missing',
      code: 'UAMI_CRED_IDENTITY_NOT_SET',
    })
  })
})
