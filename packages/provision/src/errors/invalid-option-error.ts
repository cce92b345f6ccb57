import { ProvisionError } from './provision-error.js'

/**
 * Thrown before any request is sent when an option is missing or malformed: a name Azure would reject, a VM
 * without an SSH public key, an unknown host kind.
 *
 * @example
 * ```ts
 * await ensureHost(clients, { kind: 'vm', resourceGroup: 'rg', name: 'vm1', prerequisites: 'create' })
 * // throws InvalidOptionError: option "sshPublicKey" is required …
 * ```
 */
export class InvalidOptionError extends ProvisionError {
  static readonly code = 'UAMI_PROVISION_INVALID_OPTION' as const
  override readonly name = 'InvalidOptionError' as const
  readonly code = InvalidOptionError.code
  /** The option at fault, e.g. `names.store` or `sshPublicKey`. */
  readonly option: string

  constructor(details: { option: string; problem: string; fix: string }) {
    super({ what: `Option "${details.option}" is invalid: ${details.problem}`, fix: details.fix })
    this.option = details.option
  }
}
