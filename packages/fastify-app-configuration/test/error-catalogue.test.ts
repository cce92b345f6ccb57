import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isUamiError } from '@uami/credential/diagnostics'
import { describe, expect, it } from 'vitest'
import { errorCatalogue as sampleKitErrorCatalogue } from '../src/errors/catalogue.ts'
import { InvalidEnvError } from '../src/errors/invalid-env-error.ts'
import { MissingEnvError } from '../src/errors/missing-env-error.ts'
import * as kit from '../src/index.ts'
import { isSampleKitError, SampleKitError } from '../src/index.ts'

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url))
const SRC_DIR = join(PACKAGE_DIR, 'src')
const CATALOGUE_FILE = join('errors', 'catalogue.ts')
const CODE = /\bUAMI_SAMPLE_[A-Z]+(?:_[A-Z]+)*\b/g

/** Every `UAMI_SAMPLE_…` code written anywhere in the kit's source, except in the catalogue itself. */
function codesInSource(): Map<string, string[]> {
  const found = new Map<string, string[]>()
  const files = readdirSync(SRC_DIR, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && file !== CATALOGUE_FILE,
  )
  for (const file of files) {
    for (const [code] of readFileSync(join(SRC_DIR, file), 'utf8').matchAll(CODE)) {
      found.set(code, [...(found.get(code) ?? []), file])
    }
  }
  return found
}

const catalogueCodes: readonly string[] = sampleKitErrorCatalogue.map((entry) => entry.code)

describe('sampleKitErrorCatalogue', () => {
  it('lists every UAMI_SAMPLE_ code the kit throws or answers with, and no code the kit no longer has', () => {
    const inSource = codesInSource()
    expect(inSource.size).toBeGreaterThan(8)
    const missing = [...inSource.keys()].filter((code) => !catalogueCodes.includes(code))
    expect(missing, 'codes in src/ that the catalogue lacks').toEqual([])
    const stale = catalogueCodes.filter((code) => !inSource.has(code))
    expect(stale, 'catalogue codes that nothing in src/ produces').toEqual([])
  })

  it('has unique UAMI_SAMPLE_ codes, each with the class or body that carries it, a meaning and a fix', () => {
    expect(new Set(catalogueCodes).size).toBe(catalogueCodes.length)
    for (const entry of sampleKitErrorCatalogue) {
      expect(entry.code).toMatch(/^UAMI_SAMPLE_[A-Z_]+$/)
      expect(entry.name).toMatch(/^[A-Z][A-Za-z]+$/)
      expect(entry.meaning.length).toBeGreaterThan(30)
      expect(entry.fix.length).toBeGreaterThan(20)
    }
  })

  it('names the class of each exported SampleKitError with its stable code', () => {
    const fromClasses = Object.entries(kit as Record<string, unknown>)
      .filter(
        ([, value]) =>
          typeof value === 'function' &&
          (value as { prototype: unknown }).prototype instanceof SampleKitError,
      )
      .map(([name, value]) => ({ code: (value as unknown as { code: string }).code, name }))
    expect(fromClasses).toHaveLength(5)
    for (const entry of fromClasses)
      expect(sampleKitErrorCatalogue).toContainEqual(expect.objectContaining(entry))
  })

  it('has the same codes, in the same order, as the error table of the README', () => {
    const readme = readFileSync(join(PACKAGE_DIR, 'README.md'), 'utf8')
    const rows = readme.split('\n').filter((line) => /^\| `UAMI_SAMPLE_/.test(line))
    expect(rows.map((row) => /`(UAMI_SAMPLE_[A-Z_]+)`/.exec(row)?.[1])).toEqual(catalogueCodes)
  })
})

describe('SampleKitError', () => {
  it('is a UamiError: what failed, why and what to do next, recognised by code and by isUamiError', () => {
    const error = new MissingEnvError({
      variable: 'APP_CONFIG_ENDPOINT',
      purpose: 'The sample reads its settings from this store.',
      fix: 'Set it to the store endpoint (az appconfig show --query endpoint).',
    })
    expect(error.message).toBe(
      'APP_CONFIG_ENDPOINT is not set. The sample reads its settings from this store. Set it to the store endpoint (az appconfig show --query endpoint).',
    )
    expect(isSampleKitError(error)).toBe(true)
    expect(isSampleKitError(error, 'UAMI_SAMPLE_ENV_MISSING')).toBe(true)
    expect(isSampleKitError(error, 'UAMI_SAMPLE_ENV_INVALID')).toBe(false)
    expect(isUamiError(error, 'UAMI_SAMPLE_ENV_MISSING')).toBe(true)
    expect(isSampleKitError(new Error('x'))).toBe(false)
  })

  it('serialises its code, fix and fields to JSON without the cause, and is recognised across package copies', () => {
    const error = new InvalidEnvError({
      variable: 'PORT',
      expected: 'an integer from 1 to 65535',
      received: '"http"',
      fix: 'Set PORT to a number, e.g. 3000.',
    })
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'InvalidEnvError',
      code: 'UAMI_SAMPLE_ENV_INVALID',
      message: error.message,
      fix: 'Set PORT to a number, e.g. 3000.',
      problem: error.problem,
      variable: 'PORT',
      expected: 'an integer from 1 to 65535',
    })
    const foreign = Object.defineProperty(
      { code: 'UAMI_SAMPLE_ENV_INVALID' },
      Symbol.for('@uami/fastify-app-configuration.error'),
      {
        value: true,
      },
    )
    expect(isSampleKitError(foreign, 'UAMI_SAMPLE_ENV_INVALID')).toBe(true)
  })
})
