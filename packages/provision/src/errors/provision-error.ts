import type { ProvisionErrorCode } from './catalogue.js'

const brand = Symbol.for('@uami/provision.error')

/** The parts every message is made of: *what failed. why. what to do next.* */
export interface ProvisionErrorParts {
  /** What failed, naming the resource or option. */
  readonly what: string
  /** Why it failed, or what Azure said. */
  readonly why?: string | undefined
  /** What to do next, usually with the exact command. Kept in {@link ProvisionError.fix}. */
  readonly fix: string
  /** The underlying error (usually the SDK's `RestError`), kept as the native `cause`. */
  readonly cause?: unknown
}

/**
 * Base class of every error `@uami/provision` throws. Each failure mode has its own subclass with a stable
 * {@link ProvisionError.code | code}, structured fields, a {@link ProvisionError.fix | fix} and, when an Azure
 * SDK call failed first, the SDK's `RestError` as `cause`.
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
export abstract class ProvisionError extends Error {
  /** Stable, documented code, e.g. `UAMI_PROVISION_ARM_FORBIDDEN`. Listed in {@link provisionErrorCatalogue}. */
  abstract readonly code: ProvisionErrorCode
  /** What to do next (also the last sentence of `message`). */
  readonly fix: string

  constructor(parts: ProvisionErrorParts) {
    super(
      [parts.what, parts.why, parts.fix].filter((part) => part !== undefined && part !== '').join(' '),
      parts.cause === undefined ? undefined : { cause: parts.cause },
    )
    this.fix = parts.fix
    Object.defineProperty(this, brand, { value: true })
  }

  /**
   * A plain object for structured logs and JSON output: `name`, `code`, `message`, `fix` and the subclass's own
   * fields. The `cause` is left out (it carries the HTTP request).
   *
   * @returns A JSON-safe description of the error.
   */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, code: this.code, message: this.message }
    for (const [key, value] of Object.entries(this)) {
      if (key !== 'cause' && key !== 'stack') json[key] = value
    }
    return json
  }
}

/**
 * Tells whether a value is an error from `@uami/provision`, optionally with a given code. Works across copies of
 * the package (it checks a registered symbol, not only `instanceof`).
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
  if (typeof error !== 'object' || error === null) return false
  const branded = error instanceof ProvisionError || (error as Record<symbol, unknown>)[brand] === true
  if (!branded) return false
  return code === undefined || (error as ProvisionError).code === code
}
