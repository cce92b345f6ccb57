/**
 * What the three uami samples share — everything except their host, identifier kind and deploy assets:
 * environment validation, logger options, App Configuration settings with refresh and the identity proof,
 * routes, the page, the error handler and the server lifecycle. Bundling is in `@uami/sample-kit/bundle`. The
 * samples' test helpers and shared test scenarios are a separate package, `@uami/sample-testing`, so that this
 * runtime dependency of the samples never depends on the emulator or on vitest.
 *
 * @packageDocumentation
 */

export type { ErrorReply } from './app/error-handler.js'
export { sampleErrorHandler, sampleNotFoundHandler } from './app/error-handler.js'
export type { SampleAppOptions, SampleAppRegistration } from './app/sample-app.js'
export { sampleApp } from './app/sample-app.js'
export type { SettingsPluginOptions, UamiCredentialPluginOptions } from './app/settings-plugin.js'
export { appConfigurationSettings } from './app/settings-plugin.js'
export { CREDENTIAL_VARIABLES, credentialEnvironment } from './env/credential-env.js'
export { checkEndpoint, isLocalEndpoint } from './env/endpoint.js'
export type { LogLevel } from './env/env-schema.js'
export { ENV_DEFAULTS, LOG_LEVELS, MAX_KEY_LENGTH } from './env/env-schema.js'
export type { ExitTarget } from './env/exit-on-config-error.js'
export { exitOnConfigError } from './env/exit-on-config-error.js'
export type { SampleEnv, SampleIdentity } from './env/read-sample-env.js'
export { readSampleEnv } from './env/read-sample-env.js'
export { sampleKitErrorCatalogue } from './errors/catalogue.js'
export type { InvalidEnvErrorDetails } from './errors/invalid-env-error.js'
export { InvalidEnvError } from './errors/invalid-env-error.js'
export type { MissingEnvErrorDetails } from './errors/missing-env-error.js'
export { MissingEnvError } from './errors/missing-env-error.js'
export type { SampleKitErrorCode, SampleKitErrorParts } from './errors/sample-kit-error.js'
export { isSampleKitError, SampleKitError } from './errors/sample-kit-error.js'
export type { AppConfigurationUnavailableErrorDetails } from './errors/settings-errors.js'
export { AppConfigurationUnavailableError, SettingsLoadError } from './errors/settings-errors.js'
export type { TwoIdentifierKindsErrorDetails } from './errors/two-identifier-kinds-error.js'
export { TwoIdentifierKindsError } from './errors/two-identifier-kinds-error.js'
export type { SampleLoggerOptions } from './logging/logger-options.js'
export { loggerOptions, REDACT_PATHS, serverOptions } from './logging/logger-options.js'
export { escapeHtml } from './page/html.js'
export { renderPage } from './page/render-page.js'
export type { HomeView, ViewError } from './page/view.js'
export { homeView } from './page/view.js'
export { prefersJson } from './routes/prefers-json.js'
export type { SampleRoutesOptions } from './routes/sample-routes.js'
export { sampleRoutes } from './routes/sample-routes.js'
export type { SampleDefinition } from './sample.js'
export type { ListenOptions } from './server/listen-with-grace.js'
export { listenWithGrace } from './server/listen-with-grace.js'
export { appConfigurationScope } from './status/app-configuration-scope.js'
export type { AppConfigurationSourceOptions } from './status/app-configuration-source.js'
export { AppConfigurationSource } from './status/app-configuration-source.js'
export { FIRST_RETRY_MS, MAX_RETRY_MS, retryDelayMs } from './status/backoff.js'
export type { FailureContext } from './status/describe-failure.js'
export { describeFailure, storeIdFromError } from './status/describe-failure.js'
export type {
  IdentityProof,
  SampleState,
  SampleStatus,
  SettingsFreshness,
  SettingsSnapshot,
  StatusError,
  StatusSource,
} from './status/status.js'
