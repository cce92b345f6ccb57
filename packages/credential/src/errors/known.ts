// Every concrete error class, so that a `code` check narrows to the class with its typed fields.

import type { AccessForbiddenError } from './access-forbidden-error.js'
import type { AmbiguousIdentityError } from './ambiguous-identity-error.js'
import type { AuthenticationFailedError } from './authentication-failed-error.js'
import type { EndpointUnreachableError } from './endpoint-unreachable-error.js'
import type { IdentityEndpointUnavailableError } from './identity-endpoint-unavailable-error.js'
import type { IdentityMismatchError } from './identity-mismatch-error.js'
import type { IdentityNotAttachedError } from './identity-not-attached-error.js'
import type { IdentityNotSetError } from './identity-not-set-error.js'
import type { InvalidAuthorityHostError } from './invalid-authority-host-error.js'
import type { InvalidGuidError } from './invalid-guid-error.js'
import type { InvalidHostError } from './invalid-host-error.js'
import type { InvalidOptionError } from './invalid-option-error.js'
import type { InvalidResourceIdError } from './invalid-resource-id-error.js'
import type { InvalidSelectorError } from './invalid-selector-error.js'
import type { InvalidTokenCredentialsError } from './invalid-token-credentials-error.js'
import type { MalformedTokenError } from './malformed-token-error.js'
import type { NoCredentialAvailableError } from './no-credential-available-error.js'
import type { NotAUserAssignedIdentityError } from './not-a-user-assigned-identity-error.js'
import type { PastedValueError } from './pasted-value-error.js'
import type { UnauthorizedError } from './unauthorized-error.js'
import type { UserAssignedUnsupportedError } from './user-assigned-unsupported-error.js'

/**
 * Every error `@uami/credential` throws or returns, as a union discriminated by `code`: after
 * `isUamiCredentialError(error, 'UAMI_CRED_INVALID_GUID')`, `error.position` and `error.variable` are typed.
 */
export type KnownUamiCredentialError =
  | AccessForbiddenError
  | AmbiguousIdentityError
  | AuthenticationFailedError
  | EndpointUnreachableError
  | IdentityEndpointUnavailableError
  | IdentityMismatchError
  | IdentityNotAttachedError
  | IdentityNotSetError
  | InvalidAuthorityHostError
  | InvalidGuidError
  | InvalidHostError
  | InvalidOptionError
  | InvalidResourceIdError
  | InvalidSelectorError
  | InvalidTokenCredentialsError
  | MalformedTokenError
  | NoCredentialAvailableError
  | NotAUserAssignedIdentityError
  | PastedValueError
  | UnauthorizedError
  | UserAssignedUnsupportedError
