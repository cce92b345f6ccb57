import { describe, expect, it } from 'vitest'
import {
  type ErrorMessageParts,
  InvalidOptionError,
  isUamiError,
  UamiError,
  UamiErrorBrand,
} from '../src/diagnostics.ts'
import { isUamiCredentialError, UamiCredentialError } from '../src/index.ts'

type WidgetErrorCode = 'WIDGET_MISSING' | 'WIDGET_BROKEN'

const widgetBrand = new UamiErrorBrand<WidgetError>('uami-test.widget.error')

/** A family of errors the way another package declares its own, on top of UamiError. */
abstract class WidgetError extends UamiError<WidgetErrorCode> {
  constructor(parts: ErrorMessageParts) {
    super(parts)
    widgetBrand.mark(this)
  }
}

class WidgetMissingError extends WidgetError {
  override readonly name = 'WidgetMissingError'
  readonly code = 'WIDGET_MISSING'
  readonly widget: string

  constructor(widget: string, cause?: unknown) {
    super({
      what: `Widget ${widget} is missing.`,
      why: 'Nobody created it.',
      fix: `Run widgets create ${widget}.`,
      cause,
    })
    this.widget = widget
  }
}

function isWidgetError(error: unknown, code?: WidgetErrorCode): error is WidgetError {
  return widgetBrand.is(error, code)
}

describe('UamiError', () => {
  it('reads what failed, why and what to do next, and keeps the fix and the native cause', () => {
    const cause = new Error('socket hang up')
    const error = new WidgetMissingError('w1', cause)
    expect(error).toBeInstanceOf(UamiError)
    expect(error).toBeInstanceOf(Error)
    expect(error.message).toBe('Widget w1 is missing. Nobody created it. Run widgets create w1.')
    expect(error.fix).toBe('Run widgets create w1.')
    expect(error.cause).toBe(cause)
    expect(String(error)).toBe(
      'WidgetMissingError: Widget w1 is missing. Nobody created it. Run widgets create w1.',
    )
  })

  it('leaves out an empty why, and has no cause when none was given', () => {
    const error = new InvalidOptionError({
      option: 'env',
      expected: 'an object',
      received: 'a string',
    })
    expect(error.message).toBe('env is invalid: expected an object, received a string. Pass an object.')
    expect('cause' in error).toBe(false)
  })

  it('serialises its code, message, fix, problem and own fields to JSON, never the cause or the stack', () => {
    const error = new WidgetMissingError('w1', new Error('token=SECRET'))
    const json = JSON.parse(JSON.stringify(error)) as Record<string, unknown>
    expect(json).toEqual({
      name: 'WidgetMissingError',
      code: 'WIDGET_MISSING',
      message: error.message,
      fix: 'Run widgets create w1.',
      problem: error.problem,
      widget: 'w1',
    })
    // The problem is the message without the fix: what failed and why, said once.
    expect(error.message).toBe(`${error.problem} ${error.fix}`)
    expect(error.problem).not.toContain(error.fix)
    expect(JSON.stringify(error)).not.toContain('SECRET')
  })
})

describe('isUamiError', () => {
  it('recognises the errors of every family, also by code', () => {
    const widget = new WidgetMissingError('w1')
    const credential = new InvalidOptionError({ option: 'env', expected: 'an object', received: 'a string' })
    expect(isUamiError(widget)).toBe(true)
    expect(isUamiError(widget, 'WIDGET_MISSING')).toBe(true)
    expect(isUamiError(widget, 'WIDGET_BROKEN')).toBe(false)
    expect(isUamiError(credential, 'UAMI_CRED_INVALID_OPTION')).toBe(true)
    expect(credential).toBeInstanceOf(UamiCredentialError)
  })

  it('recognises an error from another copy of the packages by its registered symbol', () => {
    const foreign = Object.assign(new Error('from another copy'), { code: 'UAMI_CRED_INVALID_GUID' })
    Object.defineProperty(foreign, Symbol.for('@uami/error'), { value: true })
    expect(isUamiError(foreign, 'UAMI_CRED_INVALID_GUID')).toBe(true)
  })

  it('refuses anything else', () => {
    expect(isUamiError(new Error('x'))).toBe(false)
    expect(isUamiError(Object.assign(new Error('x'), { code: 'UAMI_CRED_INVALID_GUID', fix: 'y' }))).toBe(
      false,
    )
    expect(isUamiError('UAMI_CRED_INVALID_GUID')).toBe(false)
    expect(isUamiError(null)).toBe(false)
    expect(isUamiError(undefined)).toBe(false)
  })
})

describe('UamiErrorBrand', () => {
  it("keeps families apart: each guard recognises only its own family's errors", () => {
    const widget = new WidgetMissingError('w1')
    const credential = new InvalidOptionError({ option: 'env', expected: 'an object', received: 'a string' })
    expect(isWidgetError(widget, 'WIDGET_MISSING')).toBe(true)
    expect(isWidgetError(credential)).toBe(false)
    expect(isUamiCredentialError(widget)).toBe(false)
    expect(isUamiCredentialError(credential)).toBe(true)
  })

  it('uses the registered symbol of its key, hidden from enumeration and JSON', () => {
    expect(widgetBrand.symbol).toBe(Symbol.for('uami-test.widget.error'))
    const widget = new WidgetMissingError('w1')
    expect(Object.getOwnPropertyDescriptor(widget, widgetBrand.symbol)).toMatchObject({
      value: true,
      enumerable: false,
      writable: false,
    })
  })
})
