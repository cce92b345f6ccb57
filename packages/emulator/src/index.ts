/**
 * Local Azure for managed identity: an Entra token service, the App Service / Container Apps / IMDS identity
 * endpoints, an ARM subset and App Configuration data planes with RBAC — driven by the unmodified Azure SDKs.
 *
 * @packageDocumentation
 */
export type { EmulatorLogger, EmulatorSettings } from './context.js'
export { type RunningEmulator, type StartEmulatorOptions, startEmulator } from './emulator.js'
export {
  type EndpointName,
  endpointNames,
  FaultInjector,
  type FaultRule,
  type FaultRuleInput,
  InvalidFaultRuleError,
  RequestCounters,
  type RequestEvent,
} from './faults/faults.js'
export { HostNotFoundError, InvalidHostIdError } from './identity/errors.js'
export {
  APP_CONFIGURATION_DATA_OWNER,
  APP_CONFIGURATION_DATA_READER,
  CONTRIBUTOR,
  OWNER,
  READER,
} from './rbac/roles.js'
export { StateInUseError } from './state/lock.js'
export { StateFileError } from './state/store.js'
export { TrustUnsupportedError, trustLocalCa } from './tls/trust.js'
