import { ProvisionError } from './provision-error.js'

/**
 * App Configuration answered 403 to the principal reading or writing settings until the timeout: it has no
 * data-plane role on the store, or the assignment had not propagated yet. Control-plane roles (Owner,
 * Contributor) grant no data access (ERRATA #5).
 *
 * @example
 * ```ts
 * if (isProvisionError(error, 'UAMI_PROVISION_DATA_PLANE_FORBIDDEN')) console.error(error.fix)
 * ```
 */
export class DataPlaneForbiddenError extends ProvisionError {
  static readonly code = 'UAMI_PROVISION_DATA_PLANE_FORBIDDEN' as const
  override readonly name = 'DataPlaneForbiddenError' as const
  readonly code = DataPlaneForbiddenError.code
  /** The store's data-plane endpoint. */
  readonly storeEndpoint: string
  /** How long the step retried, in milliseconds. */
  readonly waitedMs: number
  /** Always 403. */
  readonly statusCode = 403

  constructor(details: { operation: string; storeEndpoint: string; waitedMs: number; cause?: unknown }) {
    super({
      what: `Could not ${details.operation} in App Configuration ${details.storeEndpoint}: it answered 403 Forbidden for ${Math.round(details.waitedMs / 1000)} s.`,
      why: 'The signed-in principal has no App Configuration data role on the store, or the role assignment has not propagated yet (it can take up to ~15 minutes). Owner or Contributor grant no data access.',
      fix: 'Assign App Configuration Data Owner on the store to yourself: az role assignment create --assignee-object-id <your object ID> --assignee-principal-type User --role "App Configuration Data Owner" --scope <store ID> — then run the step again.',
      cause: details.cause,
    })
    this.storeEndpoint = details.storeEndpoint
    this.waitedMs = details.waitedMs
  }
}
