import type { TokenCredential } from '@azure/core-auth'
import type { DefaultAzureCredentialOptions, TokenCredentialOptions } from '@azure/identity'
import { describeType, InvalidOptionError } from '../errors/invalid-option-error.js'
import { InvalidSelectorError } from '../errors/invalid-selector-error.js'
import { UserAssignedUnsupportedError } from '../errors/user-assigned-unsupported-error.js'
import type { HostDecision, HostKind } from '../host/detect-host.js'
import { inspectHost } from '../host/detect-host.js'
import type { ManagedIdentitySource } from '../host/managed-identity-source.js'
import { detectManagedIdentitySource } from '../host/managed-identity-source.js'
import { identityFromEnv } from '../identity/from-env.js'
import type { IdentitySelector } from '../identity/selector.js'
import { assertIdentitySelector, selectorKind, selectorValue } from '../identity/selector.js'
import type { IdentityKind } from '../identity/variables.js'
import { IDENTITY_VARIABLES } from '../identity/variables.js'
import type { EnvLike } from '../util/env.js'
import { readVar } from '../util/env.js'
import { isLoopbackAuthorityHost } from './authority-host.js'
import type { TokenCredentialsValue } from './token-credentials.js'
import { readTokenCredentials } from './token-credentials.js'

/** The credential class `createCredential` builds. */
export type CredentialKind = 'ManagedIdentityCredential' | 'DefaultAzureCredential'

/** Options of {@link createCredential} and {@link chooseCredential}. */
export interface CreateCredentialOptions {
  /** The identity. Default: {@link identityFromEnv}(env). Checked at run time too: a string is refused (ERRATA #1). */
  readonly selector?: IdentitySelector | undefined
  /**
   * Where to read variables. Default: `process.env`. Note that the Azure SDK itself reads `process.env`
   * (`IDENTITY_ENDPOINT`, `AZURE_TOKEN_CREDENTIALS`, …); pass another object only to test the decision.
   */
  readonly env?: EnvLike | undefined
  /** Host override; wins over `UAMI_HOST` and the markers (see `inspectHost`). */
  readonly host?: HostKind | undefined
  /** Options for whichever credential is built (retries, logging, HTTP client, …). No identity here: use `selector`. */
  readonly credentialOptions?: TokenCredentialOptions | undefined
  /** Extra options used only when `DefaultAzureCredential` is built (e.g. `tenantId`, `processTimeoutInMs`). */
  readonly defaultAzureCredentialOptions?: DefaultAzureCredentialOptions | undefined
}

/** The selected identity, as shown in summaries. Client, object and resource IDs are not secrets. */
export interface SelectorSummary {
  /** `clientId`, `resourceId` or `objectId`. */
  readonly kind: IdentityKind
  /** The identifier. */
  readonly value: string
  /** The variable it came from, when it was read from the environment. */
  readonly variable?: string
}

/** What `createCredential` chose and why — JSON-safe, with no secret. */
export interface IdentitySummary {
  /** Where the code runs. */
  readonly host: HostKind
  /** How the host was decided (`option`, `UAMI_HOST`, `marker`, `default`). */
  readonly hostDecidedBy: HostDecision
  /** The variables that decided the host (names only). */
  readonly hostMarkers: readonly string[]
  /** The credential class built. */
  readonly credentialKind: CredentialKind
  /** The identity. */
  readonly selector: SelectorSummary
  /** `AZURE_TOKEN_CREDENTIALS`, normalised, when set. */
  readonly tokenCredentials: TokenCredentialsValue | undefined
  /** The managed identity source MSAL will use, for `ManagedIdentityCredential`. */
  readonly managedIdentitySource: ManagedIdentitySource | undefined
  /** Whether `disableInstanceDiscovery` was passed (loopback `AZURE_AUTHORITY_HOST`, i.e. the local emulator). */
  readonly disableInstanceDiscovery: boolean
  /** Sentences explaining the choice and its limits (e.g. DefaultAzureCredential has no object-ID option). */
  readonly notes: readonly string[]
}

/** The credential and what was chosen. Log or return `summary`; keep `credential` out of logs. */
export interface CredentialChoice {
  /** The credential to pass to Azure SDK clients. */
  readonly credential: TokenCredential
  /** What was chosen and why. */
  readonly summary: IdentitySummary
}

/** The decision and the validated inputs, for {@link createCredential}. */
export interface Plan {
  readonly summary: IdentitySummary
  readonly selector: IdentitySelector
  readonly env: EnvLike
}

const IDENTITY_OPTION_KEYS = [
  'clientId',
  'resourceId',
  'objectId',
  'managedIdentityClientId',
  'managedIdentityResourceId',
] as const

/** The note that explains DefaultAzureCredential has no object-ID option (logged as a warning). */
export const OBJECT_ID_NOTE =
  'DefaultAzureCredential has no object-ID option (only managedIdentityClientId and managedIdentityResourceId), so the object ID is not passed to it: on a developer machine it signs in with your own account; in Azure, uami uses ManagedIdentityCredential({ objectId }).'

function checkOptionBag(name: string, bag: unknown): void {
  if (bag === undefined) return
  if (typeof bag !== 'object' || bag === null || Array.isArray(bag)) {
    throw new InvalidOptionError({
      option: `createCredential({ ${name} })`,
      expected: 'an object',
      received: describeType(bag),
    })
  }
  const key = IDENTITY_OPTION_KEYS.find((each) => (bag as Record<string, unknown>)[each] !== undefined)
  if (key !== undefined) {
    throw new InvalidSelectorError({
      origin: `createCredential({ ${name} })`,
      reason: `it sets ${key}`,
      why: 'The identity goes in the "selector" option (or the environment), so that it is validated and passed to the right credential in the right form.',
    })
  }
}

/** Validates the options and decides host, credential kind and notes, without building anything. */
export function plan(options: CreateCredentialOptions): Plan {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidOptionError({
      option: 'createCredential(options)',
      expected: 'an object',
      received: describeType(options),
    })
  }
  const env = options.env ?? process.env
  if (typeof env !== 'object' || env === null) {
    throw new InvalidOptionError({
      option: 'createCredential({ env })',
      expected: 'an object such as process.env',
      received: describeType(env),
    })
  }
  checkOptionBag('credentialOptions', options.credentialOptions)
  checkOptionBag('defaultAzureCredentialOptions', options.defaultAzureCredentialOptions)

  const detection = inspectHost(env, { host: options.host })
  const fromEnv = options.selector === undefined
  const selector = fromEnv
    ? identityFromEnv(env)
    : assertIdentitySelector(options.selector, 'the "selector" option of createCredential()')
  const kind = selectorKind(selector)
  const tokenCredentials = readTokenCredentials(env)
  const notes: string[] = [detection.reason]

  let credentialKind: CredentialKind
  if (tokenCredentials === 'managedidentitycredential') {
    credentialKind = 'ManagedIdentityCredential'
    notes.push('AZURE_TOKEN_CREDENTIALS=ManagedIdentityCredential asks for managed identity.')
  } else if (tokenCredentials !== undefined && tokenCredentials !== 'prod') {
    credentialKind = 'DefaultAzureCredential'
    notes.push(
      `AZURE_TOKEN_CREDENTIALS=${tokenCredentials} excludes managed identity, so DefaultAzureCredential is used${detection.host === 'developer-machine' ? '' : ` even on this ${detection.host} host`}, restricted by the SDK to those credentials.`,
    )
  } else if (detection.host !== 'developer-machine') {
    credentialKind = 'ManagedIdentityCredential'
    notes.push(
      `On ${detection.host}, uami uses ManagedIdentityCredential with the selector object (no credential chain, no IMDS probe).`,
    )
  } else {
    credentialKind = 'DefaultAzureCredential'
    notes.push(
      tokenCredentials === 'prod'
        ? 'On a developer machine with AZURE_TOKEN_CREDENTIALS=prod, DefaultAzureCredential tries Environment, WorkloadIdentity and ManagedIdentity credentials only.'
        : 'On a developer machine, DefaultAzureCredential signs in with your own account (set AZURE_TOKEN_CREDENTIALS to narrow the chain, e.g. AzureCliCredential).',
    )
  }

  let managedIdentitySource: ManagedIdentitySource | undefined
  let disableInstanceDiscovery = false
  if (credentialKind === 'ManagedIdentityCredential') {
    const source = detectManagedIdentitySource(env)
    managedIdentitySource = source.source
    if (!source.userAssignedSupported) {
      throw new UserAssignedUnsupportedError({ source: source.source, variables: source.variables })
    }
    notes.push(`Managed identity source: ${source.description}`)
    if (
      (detection.host === 'app-service' || detection.host === 'container-apps') &&
      source.source !== 'AppService'
    ) {
      notes.push(
        `Warning: this is ${detection.host} but IDENTITY_ENDPOINT and IDENTITY_HEADER are not both set, so no managed identity is enabled on the app; token requests will fail until an identity is assigned to it.`,
      )
    }
  } else {
    const authorityHost = options.credentialOptions?.authorityHost ?? readVar(env, 'AZURE_AUTHORITY_HOST')
    if (authorityHost !== undefined) {
      const source =
        options.credentialOptions?.authorityHost === undefined
          ? 'AZURE_AUTHORITY_HOST'
          : 'credentialOptions.authorityHost'
      disableInstanceDiscovery = isLoopbackAuthorityHost(authorityHost, source)
      if (disableInstanceDiscovery) {
        notes.push(`${source} is a loopback address (the local emulator), so instance discovery is disabled.`)
      }
    }
    if (kind === 'objectId') notes.push(OBJECT_ID_NOTE)
    if (kind === 'clientId') {
      notes.push(
        'The client ID is passed as managedIdentityClientId; EnvironmentCredential and WorkloadIdentityCredential in the chain read AZURE_CLIENT_ID as their own client ID.',
      )
    }
    if (kind === 'resourceId') notes.push('The resource ID is passed as managedIdentityResourceId.')
  }

  const selectorSummary: SelectorSummary = fromEnv
    ? { kind, value: selectorValue(selector), variable: IDENTITY_VARIABLES[kind] }
    : { kind, value: selectorValue(selector) }
  const summary: IdentitySummary = Object.freeze({
    host: detection.host,
    hostDecidedBy: detection.decidedBy,
    hostMarkers: detection.markers,
    credentialKind,
    selector: Object.freeze(selectorSummary),
    tokenCredentials,
    managedIdentitySource,
    disableInstanceDiscovery,
    notes: Object.freeze(notes),
  })
  return { summary, selector, env }
}

/**
 * Decides which credential {@link createCredential} would build, without building it. `uami doctor` and tests use
 * it; the rule is described on {@link createCredential}.
 *
 * @param options - As for {@link createCredential}.
 * @returns What would be chosen and why (JSON-safe, no secret).
 * @throws The same coded errors as {@link createCredential}.
 * @example
 * ```ts
 * chooseCredential({ env: { WEBSITE_SITE_NAME: 'web1', AZURE_CLIENT_ID: id } }).credentialKind // 'ManagedIdentityCredential'
 * ```
 */
export function chooseCredential(options: CreateCredentialOptions = {}): IdentitySummary {
  return plan(options).summary
}
