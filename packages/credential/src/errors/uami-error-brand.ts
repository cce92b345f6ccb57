import type { UamiError } from './uami-error.js'

/**
 * The brand of one family of {@link UamiError}s — usually one package's errors — kept as a registered symbol
 * (`Symbol.for(key)`) on every instance, so that the family's guard recognises its errors across copies of the
 * package (two versions installed side by side), where `instanceof` fails.
 *
 * The family's base class marks each instance in its constructor; its guard asks the brand.
 *
 * @typeParam E - The family's base class.
 * @example
 * ```ts
 * const brand = new UamiErrorBrand<WidgetError>('widgets.error')
 *
 * abstract class WidgetError extends UamiError<'WIDGET_MISSING' | 'WIDGET_BROKEN'> {
 *   constructor(parts: ErrorMessageParts) {
 *     super(parts)
 *     brand.mark(this)
 *   }
 * }
 *
 * function isWidgetError(error: unknown, code?: WidgetError['code']): error is WidgetError {
 *   return brand.is(error, code)
 * }
 * ```
 */
export class UamiErrorBrand<E extends UamiError = UamiError> {
  /** The registered symbol the brand puts on each instance: `Symbol.for(key)`. */
  readonly symbol: symbol

  /**
   * @param key - The key of the registered symbol, e.g. `@uami/credential.error`. Never change it once
   *   published: copies of the package recognise each other's errors by it.
   */
  constructor(key: string) {
    this.symbol = Symbol.for(key)
  }

  /**
   * Marks an error as a member of the family (a non-enumerable, read-only property under {@link UamiErrorBrand.symbol}).
   *
   * @param error - The error, usually `this` in the family's base constructor.
   * @example
   * ```ts
   * brand.mark(this)
   * ```
   */
  mark(error: E): void {
    Object.defineProperty(error, this.symbol, { value: true })
  }

  /**
   * Tells whether a value carries this brand, optionally with a given code.
   *
   * @param error - Any caught value.
   * @param code - When given, the error must also have this code.
   * @returns `true` when `error` was marked with this brand (and has `code`, if given).
   * @example
   * ```ts
   * if (brand.is(error, 'WIDGET_MISSING')) console.error(error.fix)
   * ```
   */
  is(error: unknown, code?: E['code']): error is E {
    if (typeof error !== 'object' || error === null) return false
    if ((error as Record<symbol, unknown>)[this.symbol] !== true) return false
    return code === undefined || (error as { readonly code?: unknown }).code === code
  }
}
