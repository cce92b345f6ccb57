import type { AzureHostKind, IdentityKind } from '@uami/credential'

/**
 * What makes a sample itself: the Azure host it is deployed to and the identifier kind it chooses its
 * user-assigned identity by. Everything else is shared through the kit.
 *
 * @example
 * ```ts
 * export const sample: SampleDefinition = {
 *   name: 'vm',
 *   title: 'Azure Virtual Machine',
 *   host: 'vm',
 *   identifierKind: 'objectId',
 *   why: 'DefaultAzureCredential has no object-ID option, so the VM sample uses ManagedIdentityCredential({ objectId }).',
 * }
 * ```
 */
export interface SampleDefinition {
  /** Short name, the folder under `samples/`: `app-service`, `container-apps` or `vm`. */
  readonly name: string
  /** Human name of the host, e.g. `Azure App Service`. */
  readonly title: string
  /** The Azure host kind the sample is deployed to. */
  readonly host: AzureHostKind
  /** The identifier kind the sample chooses its identity by. */
  readonly identifierKind: IdentityKind
  /** One or two sentences: why this identifier kind on this host. Shown on the page. */
  readonly why: string
}
