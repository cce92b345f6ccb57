import type { TokenCredential } from '@azure/core-auth'
import type { DefaultAzureCredentialOptions, TokenCredentialOptions } from '@azure/identity'
import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity'
import { InvalidOptionError } from '../errors/invalid-option-error.js'
import { InvalidTokenCredentialsError } from '../errors/invalid-token-credentials-error.js'
import type { UamiCredentialError } from '../errors/uami-credential-error.js'
import { isUamiCredentialError } from '../errors/uami-credential-error.js'
import { UserAssignedUnsupportedError } from '../errors/user-assigned-unsupported-error.js'
import { detectManagedIdentitySource } from '../host/managed-identity-source.js'
import { selectorValue } from '../identity/selector.js'
import { logger } from '../logger.js'
import type { EnvLike } from '../util/env.js'
import { readVar } from '../util/env.js'
import { redact } from '../util/text.js'
import type { CreateCredentialOptions, CredentialChoice, CredentialKind } from './choose-credential.js'
import { OBJECT_ID_NOTE, plan } from './choose-credential.js'

export type {
  CreateCredentialOptions,
  CredentialChoice,
  CredentialKind,
  IdentitySummary,
  SelectorSummary,
} from './choose-credential.js'
export { chooseCredential } from './choose-credential.js'

function mapConstructionError(
  error: unknown,
  env: EnvLike,
  credentialKind: CredentialKind,
): UamiCredentialError {
  if (isUamiCredentialError(error)) return error
  const message = error instanceof Error ? error.message : String(error)
  if (/AZURE_TOKEN_CREDENTIALS/.test(message)) {
    return new InvalidTokenCredentialsError(readVar(process.env, 'AZURE_TOKEN_CREDENTIALS') ?? '')
  }
  const source = /CloudShell/i.test(message)
    ? 'CloudShell'
    : /Service ?Fabric/i.test(message)
      ? 'ServiceFabric'
      : undefined
  if (source !== undefined) {
    return new UserAssignedUnsupportedError({
      source,
      variables: detectManagedIdentitySource(process.env).variables,
      cause: error,
    })
  }
  return new InvalidOptionError({
    option: `new ${credentialKind}(…)`,
    expected: 'options the Azure SDK accepts',
    received: `an error from the SDK: ${redact(message, env).slice(0, 300)}`,
  })
}

/**
 * Builds the credential for where the code runs, with the identity passed in the form the SDK needs.
 *
 * - **On an Azure host** (`app-service`, `container-apps`, `vm`; see `inspectHost`):
 *   `new ManagedIdentityCredential({ clientId } | { resourceId } | { objectId })` — always the selector object,
 *   never the string form (a string is always a client ID to the SDK: ERRATA #1).
 * - **On a developer machine**: `new DefaultAzureCredential(…)` (the article's rule), with `managedIdentityClientId`
 *   or `managedIdentityResourceId` set from the selector. **DefaultAzureCredential has no object-ID option**, so an
 *   object ID is not passed to it (a note in `summary.notes` and the log says so); on a developer machine it signs
 *   in with your own account anyway.
 * - **`AZURE_TOKEN_CREDENTIALS`** (Azure's switch) is honoured: `ManagedIdentityCredential` → managed identity;
 *   `dev` or one non-managed-identity credential name → DefaultAzureCredential, which the SDK restricts to those;
 *   `prod` → managed identity on a host. Unknown values fail with {@link InvalidTokenCredentialsError}.
 * - When `AZURE_AUTHORITY_HOST` is a loopback address (the local emulator), DefaultAzureCredential gets
 *   `disableInstanceDiscovery: true`; otherwise MSAL fails with `endpoints_resolution_error`.
 *
 * Never probes IMDS to decide. Logs (namespace `azure:uami-credential`) which variables decided, never values.
 *
 * @param options - Selector, environment, host override and SDK options; all optional.
 * @returns The credential and a JSON-safe {@link IdentitySummary} (host, credential kind, selector, notes).
 * @throws `IdentityNotSetError`, `AmbiguousIdentityError`, `InvalidGuidError`, `PastedValueError`, `InvalidResourceIdError`, `NotAUserAssignedIdentityError` for a bad identity.
 * @throws `InvalidSelectorError` for a string or malformed selector, or an identity in the SDK options.
 * @throws `InvalidHostError`, {@link InvalidTokenCredentialsError}, `InvalidAuthorityHostError`, {@link UserAssignedUnsupportedError}, `InvalidOptionError` for bad configuration.
 * @example
 * ```ts
 * const { credential, summary } = createCredential()
 * const client = new AppConfigurationClient(endpoint, credential)
 * app.log.info({ identity: summary }, 'credential ready')
 * ```
 */
export function createCredential(options: CreateCredentialOptions = {}): CredentialChoice {
  const { summary, selector, env } = plan(options)
  const base: TokenCredentialOptions = { ...options.credentialOptions }
  let credential: TokenCredential
  try {
    if (summary.credentialKind === 'ManagedIdentityCredential') {
      const value = selectorValue(selector)
      credential =
        summary.selector.kind === 'clientId'
          ? new ManagedIdentityCredential({ ...base, clientId: value })
          : summary.selector.kind === 'resourceId'
            ? new ManagedIdentityCredential({ ...base, resourceId: value })
            : new ManagedIdentityCredential({ ...base, objectId: value })
    } else {
      const dac: DefaultAzureCredentialOptions = {
        ...base,
        ...options.defaultAzureCredentialOptions,
        ...(summary.disableInstanceDiscovery ? { disableInstanceDiscovery: true } : {}),
      }
      const value = selectorValue(selector)
      credential =
        summary.selector.kind === 'clientId'
          ? new DefaultAzureCredential({ ...dac, managedIdentityClientId: value })
          : summary.selector.kind === 'resourceId'
            ? new DefaultAzureCredential({ ...dac, managedIdentityResourceId: value })
            : new DefaultAzureCredential(dac)
    }
  } catch (error) {
    throw mapConstructionError(error, env, summary.credentialKind)
  }
  logger.info(
    `chose ${summary.credentialKind} on ${summary.host} (host decided by ${summary.hostDecidedBy}${summary.hostMarkers.length > 0 ? `: ${summary.hostMarkers.join(', ')}` : ''}); identity by ${summary.selector.kind}${summary.selector.variable === undefined ? '' : ` from ${summary.selector.variable}`}`,
  )
  for (const note of summary.notes) {
    if (note === OBJECT_ID_NOTE || note.startsWith('Warning:')) logger.warning(note)
    else logger.info(note)
  }
  return Object.freeze({ credential, summary })
}
