/**
 * Settings from Azure App Configuration for a Fastify app that authenticates with a managed identity: loaded in
 * the background with the identity proven, refreshed on a sentinel key, served from memory with last-known-good
 * when the store is down, and every failure turned into a coded error with the command that fixes it.
 *
 * @packageDocumentation
 */

export type { ErrorReply } from './app/error-handler.js'
export type { AppDescription, SampleIdentity } from './context.js'
export { isLocalEndpoint } from './env/endpoint.js'
export type { LogLevel } from './env/env-schema.js'
export type { ExitTarget } from './env/exit-on-config-error.js'
export { exitOnConfigError } from './env/exit-on-config-error.js'
export type { AppEnv } from './env/read-env.js'
export { readAppEnv, readIdentityEnv } from './env/read-env.js'
export { errorCatalogue } from './errors/catalogue.js'
export type { InvalidEnvErrorDetails } from './errors/invalid-env-error.js'
export { InvalidEnvError } from './errors/invalid-env-error.js'
export type { MissingEnvErrorDetails } from './errors/missing-env-error.js'
export { MissingEnvError } from './errors/missing-env-error.js'
export type { SampleKitErrorCode } from './errors/sample-kit-error.js'
export { isSampleKitError, SampleKitError } from './errors/sample-kit-error.js'
export type { AppConfigurationUnavailableErrorDetails } from './errors/settings-errors.js'
export { AppConfigurationUnavailableError, SettingsLoadError } from './errors/settings-errors.js'
export type { TwoIdentifierKindsErrorDetails } from './errors/two-identifier-kinds-error.js'
export { TwoIdentifierKindsError } from './errors/two-identifier-kinds-error.js'
export { REDACT_PATHS, serverOptions } from './logging/logger-options.js'
export type { AppConfigurationPluginOptions, AppConfigurationState } from './plugin.js'
export { appConfiguration } from './plugin.js'
export type { SettingReply } from './routes/setting.js'
export { SettingUnavailableError } from './routes/setting.js'
export { configRouteSchema } from './schemas/routes.js'
export type { ListenOptions } from './server/listen-with-grace.js'
export { listenWithGrace } from './server/listen-with-grace.js'
export type { LoadSettings, ObservedLoadOptions } from './status/app-configuration-source.js'
export { AppConfigurationSource } from './status/app-configuration-source.js'
export type {
  IdentityProof,
  SampleState,
  SampleStatus,
  SettingsFreshness,
  SettingsSnapshot,
  StatusError,
  StatusSource,
} from './status/status.js'
