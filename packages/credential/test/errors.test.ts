import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as api from '../src/diagnostics.ts'
import {
  IdentityNotAttachedError,
  InvalidGuidError,
  renderErrorCatalogueMarkdown,
} from '../src/diagnostics.ts'
import { errorCatalogue, isUamiCredentialError, UamiCredentialError } from '../src/index.ts'

interface ErrorClass {
  readonly code: string
  readonly prototype: unknown
}

const errorClasses: Array<[string, ErrorClass]> = Object.entries(api as Record<string, unknown>).flatMap(
  ([name, value]): Array<[string, ErrorClass]> =>
    typeof value === 'function' && value.prototype instanceof UamiCredentialError
      ? [[name, value as unknown as ErrorClass]]
      : [],
)

describe('error catalogue', () => {
  it('has one entry per exported error class, with the class name and its stable code', () => {
    const fromClasses = errorClasses
      .map(([name, errorClass]) => ({ code: errorClass.code, name }))
      .sort((a, b) => a.code.localeCompare(b.code))
    const fromCatalogue = errorCatalogue
      .map(({ code, name }) => ({ code, name }))
      .sort((a, b) => a.code.localeCompare(b.code))
    expect(fromClasses).toEqual(fromCatalogue)
    expect(errorClasses.length).toBe(21)
  })

  it('has unique codes with the UAMI_CRED_ prefix and a meaning and a fix for each', () => {
    const codes = errorCatalogue.map((entry) => entry.code)
    expect(new Set(codes).size).toBe(codes.length)
    for (const entry of errorCatalogue) {
      expect(entry.code).toMatch(/^UAMI_CRED_[A-Z_]+$/)
      expect(entry.meaning.length).toBeGreaterThan(40)
      expect(entry.fix.length).toBeGreaterThan(20)
    }
  })

  it('is rendered in ERRORS.md (run `npm run errors:md` after changing it)', () => {
    const committed = readFileSync(new URL('../ERRORS.md', import.meta.url), 'utf8')
    expect(committed).toBe(renderErrorCatalogueMarkdown())
  })

  it('renders one table row per code', () => {
    const rows = renderErrorCatalogueMarkdown()
      .split('\n')
      .filter((line) => line.startsWith('| <a id='))
    expect(rows).toHaveLength(errorCatalogue.length)
    expect(rows[0]).toContain('`UAMI_CRED_IDENTITY_NOT_SET`')
  })
})

describe('UamiCredentialError', () => {
  const error = new InvalidGuidError({
    variable: 'AZURE_CLIENT_ID',
    kind: 'clientId',
    value: 'abc',
    reason: 'it is too short',
  })

  it('has a stable code, a name, a fix and structured fields', () => {
    expect(error).toBeInstanceOf(UamiCredentialError)
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({
      name: 'InvalidGuidError',
      code: 'UAMI_CRED_INVALID_GUID',
      variable: 'AZURE_CLIENT_ID',
      received: '"abc"',
    })
    expect(error.message.endsWith(error.fix)).toBe(true)
    expect(String(error)).toMatch(/^InvalidGuidError: AZURE_CLIENT_ID is not a valid GUID/)
  })

  it('serialises to JSON without the cause', () => {
    const cause = new Error('secret detail')
    const withCause = new IdentityNotAttachedError({
      host: 'vm',
      identity: 'client ID x',
      endpointMessage: 'Identity not found',
      commands: ['az vm identity assign …'],
      cause,
    })
    expect(withCause.cause).toBe(cause)
    const json = JSON.parse(JSON.stringify(withCause)) as Record<string, unknown>
    expect(json).toMatchObject({
      name: 'IdentityNotAttachedError',
      code: 'UAMI_CRED_IDENTITY_NOT_ATTACHED',
      commands: ['az vm identity assign …'],
    })
    expect(JSON.stringify(withCause)).not.toContain('secret detail')
  })

  it('is recognised by isUamiCredentialError, also by code and across package copies', () => {
    expect(isUamiCredentialError(error)).toBe(true)
    expect(isUamiCredentialError(error, 'UAMI_CRED_INVALID_GUID')).toBe(true)
    expect(isUamiCredentialError(error, 'UAMI_CRED_FORBIDDEN')).toBe(false)
    expect(isUamiCredentialError(new Error('x'))).toBe(false)
    expect(isUamiCredentialError('UAMI_CRED_INVALID_GUID')).toBe(false)
    expect(isUamiCredentialError(null)).toBe(false)
    const foreign = Object.assign(new Error('from another copy'), { code: 'UAMI_CRED_INVALID_GUID' })
    Object.defineProperty(foreign, Symbol.for('@uami/credential.error'), { value: true })
    expect(isUamiCredentialError(foreign, 'UAMI_CRED_INVALID_GUID')).toBe(true)
  })
})
