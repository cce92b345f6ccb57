/**
 * Pick the right Azure credential for a user-assigned managed identity — by client ID, resource ID or object ID —
 * on App Service, Container Apps, a VM or a developer machine, with errors that tell you the fix.
 *
 * @packageDocumentation
 */

export { isLoopbackAuthorityHost } from './credential/authority-host.js'
export type {
  CreateCredentialOptions,
  CredentialChoice,
  CredentialKind,
  IdentitySummary,
  SelectorSummary,
} from './credential/create-credential.js'
export { chooseCredential, createCredential } from './credential/create-credential.js'
export type { TokenCredentialsValue } from './credential/token-credentials.js'
export { readTokenCredentials, TOKEN_CREDENTIALS_VALUES } from './credential/token-credentials.js'
export type { AccessForbiddenErrorDetails } from './errors/access-forbidden-error.js'
export { AccessForbiddenError } from './errors/access-forbidden-error.js'
export type { AmbiguousIdentityErrorDetails } from './errors/ambiguous-identity-error.js'
export { AmbiguousIdentityError } from './errors/ambiguous-identity-error.js'
export type { AuthenticationFailedErrorDetails } from './errors/authentication-failed-error.js'
export { AuthenticationFailedError } from './errors/authentication-failed-error.js'
export type { ErrorCatalogueEntry, UamiCredentialErrorCode } from './errors/catalogue.js'
export { errorCatalogue } from './errors/catalogue.js'
export { renderErrorCatalogueMarkdown } from './errors/catalogue-markdown.js'
export type {
  EndpointUnreachableErrorDetails,
  UnreachableTarget,
} from './errors/endpoint-unreachable-error.js'
export { EndpointUnreachableError } from './errors/endpoint-unreachable-error.js'
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
export { isUamiCredentialError, UamiCredentialError } from './errors/uami-credential-error.js'
export type { ErrorMessageParts } from './errors/uami-error.js'
export { isUamiError, UamiError } from './errors/uami-error.js'
export { UamiErrorBrand } from './errors/uami-error-brand.js'
export type { UnauthorizedErrorDetails } from './errors/unauthorized-error.js'
export { UnauthorizedError } from './errors/unauthorized-error.js'
export { UserAssignedUnsupportedError } from './errors/user-assigned-unsupported-error.js'
export type {
  AttachIdentityCommandInput,
  AzureHostKind,
  RoleAssignmentCommandInput,
} from './explain/commands.js'
export {
  attachIdentityCommand,
  roleAssignmentCommand,
  showHostIdentitiesCommand,
} from './explain/commands.js'
export type { AuthErrorContext } from './explain/explain-auth-error.js'
export { explainAuthError } from './explain/explain-auth-error.js'
export type { DetectHostOptions, HostDecision, HostDetection, HostKind } from './host/detect-host.js'
export { detectHost, HOST_KINDS, inspectHost } from './host/detect-host.js'
export type { ManagedIdentitySource, ManagedIdentitySourceReport } from './host/managed-identity-source.js'
export { detectManagedIdentitySource } from './host/managed-identity-source.js'
export type { IdentityFromEnvOptions } from './identity/from-env.js'
export { identityFromEnv } from './identity/from-env.js'
export type { IdentityResourceIdParts } from './identity/resource-id.js'
export { parseIdentityResourceId } from './identity/resource-id.js'
export type {
  ClientIdSelector,
  IdentitySelector,
  ObjectIdSelector,
  ParseIdentitySelectorInput,
  ResourceIdSelector,
} from './identity/selector.js'
export {
  assertIdentitySelector,
  parseIdentitySelector,
  selectorKind,
  selectorValue,
} from './identity/selector.js'
export type { IdentityKind, IdentityVariable } from './identity/variables.js'
export { IDENTITY_KINDS, IDENTITY_VARIABLES, identityKindOf, identityVariable } from './identity/variables.js'
export { logger } from './logger.js'
export type { AccessTokenClaims } from './token/describe-access-token.js'
export { describeAccessToken } from './token/describe-access-token.js'
export type { IdentityMatch } from './token/identity-matches.js'
export { assertIdentityMatches, identityMatches, matchIdentity } from './token/identity-matches.js'
export type { EnvLike } from './util/env.js'
