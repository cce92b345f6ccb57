import { type ErrorMessageParts, UamiError, UamiErrorBrand } from '@uami/credential/diagnostics'
import type { ProvisionErrorCode } from './catalogue.js'

const brand = new UamiErrorBrand<ProvisionError>('@uami/provision.error')

/**
 * The parts every message is made of: *what failed* (naming the resource or option), *why* (or what Azure said),
 * *what to do next* (usually the exact command) and the underlying error (usually the SDK's `RestError`).
 */
export type ProvisionErrorParts = ErrorMessageParts

/**
 * Base class of every error `@uami/provision` throws. Each failure mode has its own subclass with a stable
 * {@link ProvisionError.code | code}, structured fields, a {@link ProvisionError.fix | fix} and, when an Azure
 * SDK call failed first, the SDK's `RestError` as `cause`. It is a `UamiError` from `@uami/credential`: the
 * message, `fix`, `cause` and `toJSON()` (which leaves out the cause: it carries the HTTP request) come from
 * there.
 *
 * Messages read *what failed. why. what to do next.* They never contain an access token or an
 * `Authorization` header.
 *
 * @example
 * ```ts
 * try {
 *   await ensureUserAssignedIdentity(clients, { resourceGroup: 'rg-uami', name: 'id-uami' })
 * } catch (error) {
 *   if (isProvisionError(error)) console.error(error.code, error.fix)
 *   throw error
 * }
 * ```
 */
export abstract class ProvisionError extends UamiError<ProvisionErrorCode> {
  /** Stable, documented code, e.g. `UAMI_PROVISION_ARM_FORBIDDEN`. Listed in {@link provisionErrorCatalogue}. */
  abstract override readonly code: ProvisionErrorCode

  /**
   * @param parts - What failed, why, what to do next, and the underlying error.
   */
  constructor(parts: ProvisionErrorParts) {
    super(parts)
    brand.mark(this)
  }
}

/**
 * Tells whether a value is an error from `@uami/provision`, optionally with a given code. Works across copies of
 * the package (it checks the registered symbol `Symbol.for('@uami/provision.error')`, not only `instanceof`).
 *
 * @param error - Any caught value.
 * @param code - When given, the error must also have this code.
 * @returns `true` when `error` is a {@link ProvisionError} (with `code`, if given).
 * @example
 * ```ts
 * if (isProvisionError(error, 'UAMI_PROVISION_DATA_PLANE_FORBIDDEN')) console.error(error.fix)
 * ```
 */
export function isProvisionError(error: unknown, code?: ProvisionErrorCode): error is ProvisionError {
  return brand.is(error, code)
}
