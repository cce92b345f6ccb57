/**
 * The building blocks `uami doctor`, the tour and the samples' settings plugin use beyond the main entry: host
 * inspection with its reasons, the managed identity source, the `az` commands that fix a failure, selector
 * helpers, and every error class with its details type. An app rarely needs them: branch on
 * `isUamiCredentialError(error, code)` from the main entry instead.
 *
 * @packageDocumentation
 */

export { isLoopbackAuthorityHost } from './credential/authority-host.js'
export type { TokenCredentialsValue } from './credential/token-credentials.js'
export { readTokenCredentials, TOKEN_CREDENTIALS_VALUES } from './credential/token-credentials.js'
export type { AccessForbiddenErrorDetails } from './errors/access-forbidden-error.js'
export { AccessForbiddenError } from './errors/access-forbidden-error.js'
export type { AmbiguousIdentityErrorDetails } from './errors/ambiguous-identity-error.js'
export { AmbiguousIdentityError } from './errors/ambiguous-identity-error.js'
export type { AuthenticationFailedErrorDetails } from './errors/authentication-failed-error.js'
export { AuthenticationFailedError } from './errors/authentication-failed-error.js'
export { renderErrorCatalogueMarkdown } from './errors/catalogue-markdown.js'
export type {
  EndpointUnreachableErrorDetails,
  UnreachableTarget,
} from './errors/endpoint-unreachable-error.js'
export { EndpointUnreachableError } from './errors/endpoint-unreachable-error.js'
export type { IdentityEndpointUnavailableErrorDetails } from './errors/identity-endpoint-unavailable-error.js'
export { IdentityEndpointUnavailableError } from './errors/identity-endpoint-unavailable-error.js'
export type { IdentityMismatchErrorDetails } from './errors/identity-mismatch-error.js'
export { IdentityMismatchError } from './errors/identity-mismatch-error.js'
export type { IdentityNotAttachedErrorDetails } from './errors/identity-not-attached-error.js'
export { IdentityNotAttachedError } from './errors/identity-not-attached-error.js'
export type { IdentityNotSetErrorDetails } from './errors/identity-not-set-error.js'
export { IdentityNotSetError } from './errors/identity-not-set-error.js'
export { InvalidAuthorityHostError } from './errors/invalid-authority-host-error.js'
export type { InvalidGuidErrorDetails } from './errors/invalid-guid-error.js'
export { InvalidGuidError } from './errors/invalid-guid-error.js'
export type { InvalidHostErrorDetails } from './errors/invalid-host-error.js'
export { InvalidHostError } from './errors/invalid-host-error.js'
export type { InvalidOptionErrorDetails } from './errors/invalid-option-error.js'
export { InvalidOptionError } from './errors/invalid-option-error.js'
export type { InvalidResourceIdErrorDetails } from './errors/invalid-resource-id-error.js'
export { InvalidResourceIdError } from './errors/invalid-resource-id-error.js'
export type { InvalidSelectorErrorDetails } from './errors/invalid-selector-error.js'
export { InvalidSelectorError } from './errors/invalid-selector-error.js'
export { InvalidTokenCredentialsError } from './errors/invalid-token-credentials-error.js'
export { MalformedTokenError } from './errors/malformed-token-error.js'
export type { NoCredentialAvailableErrorDetails } from './errors/no-credential-available-error.js'
export { NoCredentialAvailableError } from './errors/no-credential-available-error.js'
export type { NotAUserAssignedIdentityErrorDetails } from './errors/not-a-user-assigned-identity-error.js'
export { NotAUserAssignedIdentityError } from './errors/not-a-user-assigned-identity-error.js'
export type { PastedDecoration, PastedValueErrorDetails } from './errors/pasted-value-error.js'
export { PastedValueError } from './errors/pasted-value-error.js'
export type { ErrorMessageParts } from './errors/uami-error.js'
export { isUamiError, UamiError } from './errors/uami-error.js'
export { UamiErrorBrand } from './errors/uami-error-brand.js'
export type { UnauthorizedErrorDetails } from './errors/unauthorized-error.js'
export { UnauthorizedError } from './errors/unauthorized-error.js'
export { UserAssignedUnsupportedError } from './errors/user-assigned-unsupported-error.js'
export type { AttachIdentityCommandInput, RoleAssignmentCommandInput } from './explain/commands.js'
export {
  attachIdentityCommand,
  roleAssignmentCommand,
  roleAssignmentListCommand,
  showHostIdentitiesCommand,
} from './explain/commands.js'
export { IDENTITY_RESOURCE_ID_VARIABLE } from './explain/context.js'
export type { HostDecision, HostDetection } from './host/detect-host.js'
export { HOST_KINDS, inspectHost } from './host/detect-host.js'
export type { ManagedIdentitySource, ManagedIdentitySourceReport } from './host/managed-identity-source.js'
export { detectManagedIdentitySource } from './host/managed-identity-source.js'
export type { IdentityResourceIdParts } from './identity/resource-id.js'
export { parseIdentityResourceId } from './identity/resource-id.js'
export { assertIdentitySelector, selectorKind, selectorValue } from './identity/selector.js'
export { IDENTITY_KINDS, identityKindOf, identityVariable } from './identity/variables.js'
export { logger } from './logger.js'
export { assertIdentityMatches, identityMatches } from './token/identity-matches.js'
