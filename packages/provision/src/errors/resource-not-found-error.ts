import { ProvisionError } from './provision-error.js'

/**
 * A resource a step reads or changes does not exist (ARM 404 `ResourceNotFound`): an identity, a host, an App
 * Configuration store.
 *
 * @example
 * ```ts
 * await describeHostIdentity(clients, hostRef(clients, 'vm', 'rg-uami', 'missing-vm'))
 * // throws ResourceNotFoundError
 * ```
 */
export class ResourceNotFoundError extends ProvisionError {
  static readonly code = 'UAMI_PROVISION_RESOURCE_NOT_FOUND' as const
  override readonly name = 'ResourceNotFoundError' as const
  readonly code = ResourceNotFoundError.code
  /** The missing resource's ID. */
  readonly resourceId: string
  /** Always 404. */
  readonly statusCode = 404

  constructor(details: { operation: string; resourceId: string; createWith: string; cause?: unknown }) {
    super({
      what: `Could not ${details.operation}: ${details.resourceId} does not exist.`,
      fix: `Create it first (${details.createWith}), or check the name and resource group.`,
      cause: details.cause,
    })
    this.resourceId = details.resourceId
  }
}
