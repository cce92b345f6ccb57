import { ProvisionError } from './provision-error.js'

/**
 * The resource group does not exist in the subscription (ARM `ResourceGroupNotFound`), or the signed-in
 * principal cannot see it.
 *
 * @example
 * ```ts
 * await ensureUserAssignedIdentity(clients, { resourceGroup: 'missing', name: 'id-uami' })
 * // throws ResourceGroupNotFoundError
 * ```
 */
export class ResourceGroupNotFoundError extends ProvisionError {
  static readonly code = 'UAMI_PROVISION_RESOURCE_GROUP_NOT_FOUND' as const
  override readonly name = 'ResourceGroupNotFoundError' as const
  readonly code = ResourceGroupNotFoundError.code
  /** The resource group name. */
  readonly resourceGroup: string
  /** The subscription that was searched. */
  readonly subscriptionId: string
  /** Always 404. */
  readonly statusCode = 404

  constructor(details: {
    operation: string
    resourceGroup: string
    subscriptionId: string
    cause?: unknown
  }) {
    super({
      what: `Could not ${details.operation}: resource group "${details.resourceGroup}" was not found in subscription ${details.subscriptionId}.`,
      fix: `Create it first: az group create -n ${details.resourceGroup} -l <location> (or call ensureResourceGroup), or check the subscription.`,
      cause: details.cause,
    })
    this.resourceGroup = details.resourceGroup
    this.subscriptionId = details.subscriptionId
  }
}
