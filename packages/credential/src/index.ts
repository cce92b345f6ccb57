/**
 * Pick the right Azure credential for a user-assigned managed identity — by client ID, resource ID or object ID —
 * on App Service, Container Apps, a VM or a developer machine, with errors that tell you the fix.
 *
 * The main entry is what an app needs: build the credential ({@link createCredential}), or only decide
 * ({@link chooseCredential}); parse and validate an identifier ({@link parseIdentitySelector},
 * {@link identityFromEnv}); tell where the code runs ({@link detectHost}); explain an authentication failure
 * ({@link explainAuthError}); describe a token and check it is the identity's (`describeAccessToken`,
 * {@link matchIdentity}); branch on errors (`UamiCredentialError`, {@link isUamiCredentialError}, every code in
 * {@link errorCatalogue}). The Fastify plugin is `@uami/credential/fastify`; the building blocks of `uami doctor`
 * (host inspection, fix commands, every error class) are `@uami/credential/diagnostics`.
 *
 * @packageDocumentation
 */

export type {
  CreateCredentialOptions,
  CredentialChoice,
  CredentialKind,
  IdentitySummary,
  SelectorSummary,
} from './credential/create-credential.js'
export { chooseCredential, createCredential } from './credential/create-credential.js'
export type { ErrorCatalogueEntry, UamiCredentialErrorCode } from './errors/catalogue.js'
export { errorCatalogue } from './errors/catalogue.js'
export type { KnownUamiCredentialError } from './errors/known.js'
export { isUamiCredentialError, UamiCredentialError } from './errors/uami-credential-error.js'
export type { AzureHostKind } from './explain/commands.js'
export type { AuthErrorContext, RoleAssignmentState } from './explain/explain-auth-error.js'
export { explainAuthError } from './explain/explain-auth-error.js'
export type { DetectHostOptions, HostKind } from './host/detect-host.js'
export { detectHost } from './host/detect-host.js'
export type { IdentityFromEnvOptions } from './identity/from-env.js'
export { identityFromEnv } from './identity/from-env.js'
export type {
  ClientIdSelector,
  IdentitySelector,
  ObjectIdSelector,
  ParseIdentitySelectorInput,
  ResourceIdSelector,
} from './identity/selector.js'
export { parseIdentitySelector } from './identity/selector.js'
export type { IdentityKind, IdentityVariable } from './identity/variables.js'
export { IDENTITY_VARIABLES } from './identity/variables.js'
export type { AccessTokenClaims } from './token/describe-access-token.js'
export { describeAccessToken } from './token/describe-access-token.js'
export type { IdentityMatch } from './token/identity-matches.js'
export { matchIdentity } from './token/identity-matches.js'
export type { EnvLike } from './util/env.js'
