import { InvalidHostError } from '../errors/invalid-host-error.js'
import type { EnvLike } from '../util/env.js'
import { presentVars, readVar } from '../util/env.js'

/**
 * The host kinds uami knows, in documentation order.
 *
 * @example
 * ```ts
 * HOST_KINDS.includes('vm') // true
 * ```
 */
export const HOST_KINDS = Object.freeze(['app-service', 'container-apps', 'vm', 'developer-machine'] as const)

/** Where the code runs: an Azure host kind, or a developer machine. */
export type HostKind = (typeof HOST_KINDS)[number]

/** How `inspectHost` decided. */
export type HostDecision = 'option' | 'UAMI_HOST' | 'marker' | 'default'

/** Options of {@link detectHost} and `inspectHost`. */
export interface DetectHostOptions {
  /** Explicit override; wins over `UAMI_HOST` and every marker. */
  readonly host?: HostKind | undefined
}

/** What `inspectHost` found: the host kind, how it was decided and which variables decided it (names only). */
export interface HostDetection {
  /** The host kind. */
  readonly host: HostKind
  /** `option`, `UAMI_HOST`, `marker` (a variable Azure sets) or `default` (nothing found: developer machine). */
  readonly decidedBy: HostDecision
  /** Names of the variables that decided, e.g. `['CONTAINER_APP_NAME', 'IDENTITY_ENDPOINT', 'IDENTITY_HEADER']`. */
  readonly markers: readonly string[]
  /** One sentence explaining the decision, naming variables, never values. */
  readonly reason: string
}

function isHostKind(value: unknown): value is HostKind {
  return typeof value === 'string' && (HOST_KINDS as readonly string[]).includes(value)
}

function result(
  host: HostKind,
  decidedBy: HostDecision,
  markers: readonly string[],
  reason: string,
): HostDetection {
  return Object.freeze({ host, decidedBy, markers: Object.freeze([...markers]), reason })
}

/**
 * Decides where the code runs, from the variables Azure sets, and explains the decision. Never probes IMDS or any
 * endpoint. The rule, first match wins:
 *
 * | # | Condition | Host |
 * | --- | --- | --- |
 * | 1 | `options.host` | that host |
 * | 2 | `UAMI_HOST` (`app-service`, `container-apps`, `vm`, `developer-machine`; case-insensitive) | that host |
 * | 3 | `CONTAINER_APP_NAME` (Container Apps sets it, with `IDENTITY_ENDPOINT`/`IDENTITY_HEADER` when an identity is enabled) | `container-apps` |
 * | 4 | `WEBSITE_SITE_NAME`, or both `IDENTITY_ENDPOINT` and `IDENTITY_HEADER` | `app-service` |
 * | 5 | `AZURE_POD_IDENTITY_AUTHORITY_HOST` or `IMDS_ENDPOINT` | `vm` |
 * | 6 | `AZURE_TOKEN_CREDENTIALS` is `ManagedIdentityCredential` or `prod` (case-insensitive) — VMs set no marker, so uami's VM deploy sets this in the systemd unit | `vm` |
 * | 7 | otherwise | `developer-machine` |
 *
 * Empty variables count as unset.
 *
 * @param env - Where to read. Default: `process.env`.
 * @param options - `host` overrides everything.
 * @returns The host kind, how it was decided, the deciding variable names and a sentence.
 * @throws `InvalidHostError` when `options.host` or `UAMI_HOST` is not a host kind.
 * @example
 * ```ts
 * inspectHost({ CONTAINER_APP_NAME: 'app', IDENTITY_ENDPOINT: '…', IDENTITY_HEADER: '…' })
 * // { host: 'container-apps', decidedBy: 'marker', markers: ['CONTAINER_APP_NAME', 'IDENTITY_ENDPOINT', 'IDENTITY_HEADER'], … }
 * ```
 */
export function inspectHost(env: EnvLike = process.env, options: DetectHostOptions = {}): HostDetection {
  const source = typeof env === 'object' && env !== null ? env : {}
  const override = options?.host
  if (override !== undefined) {
    if (!isHostKind(override))
      throw new InvalidHostError({ source: 'the "host" option', value: String(override) })
    return result(override, 'option', [], `The "host" option says ${override}.`)
  }
  const uamiHost = readVar(source, 'UAMI_HOST')
  if (uamiHost !== undefined) {
    const normalized = uamiHost.trim().toLowerCase()
    if (!isHostKind(normalized)) throw new InvalidHostError({ source: 'UAMI_HOST', value: uamiHost })
    return result(normalized, 'UAMI_HOST', ['UAMI_HOST'], `UAMI_HOST says ${normalized}.`)
  }
  const identityPair = presentVars(source, ['IDENTITY_ENDPOINT', 'IDENTITY_HEADER'])
  if (readVar(source, 'CONTAINER_APP_NAME') !== undefined) {
    return result(
      'container-apps',
      'marker',
      ['CONTAINER_APP_NAME', ...identityPair],
      'CONTAINER_APP_NAME is set; Azure Container Apps sets it in every replica.',
    )
  }
  if (readVar(source, 'WEBSITE_SITE_NAME') !== undefined) {
    return result(
      'app-service',
      'marker',
      ['WEBSITE_SITE_NAME', ...identityPair],
      'WEBSITE_SITE_NAME is set; Azure App Service sets it for every app.',
    )
  }
  if (identityPair.length === 2) {
    return result(
      'app-service',
      'marker',
      identityPair,
      'IDENTITY_ENDPOINT and IDENTITY_HEADER are set: the App Service managed identity protocol.',
    )
  }
  const imds = presentVars(source, ['AZURE_POD_IDENTITY_AUTHORITY_HOST', 'IMDS_ENDPOINT'])
  if (imds.length > 0) {
    return result(
      'vm',
      'marker',
      imds,
      `${imds.join(' and ')} ${imds.length === 1 ? 'is' : 'are'} set: an IMDS-style endpoint.`,
    )
  }
  const tokenCredentials = readVar(source, 'AZURE_TOKEN_CREDENTIALS')?.trim().toLowerCase()
  if (tokenCredentials === 'managedidentitycredential' || tokenCredentials === 'prod') {
    return result(
      'vm',
      'marker',
      ['AZURE_TOKEN_CREDENTIALS'],
      'AZURE_TOKEN_CREDENTIALS selects managed identity and no other host marker is set: a VM (VMs set no variable of their own).',
    )
  }
  return result('developer-machine', 'default', [], 'No Azure host marker is set.')
}

/**
 * Decides where the code runs: `app-service`, `container-apps`, `vm` or `developer-machine`. Shorthand for
 * `inspectHost(env, options).host`; see `inspectHost` for the rule. Never probes IMDS.
 *
 * @param env - Where to read. Default: `process.env`.
 * @param options - `host` overrides everything (then `UAMI_HOST`).
 * @returns The host kind.
 * @throws `InvalidHostError` when `options.host` or `UAMI_HOST` is not a host kind.
 * @example
 * ```ts
 * detectHost({ WEBSITE_SITE_NAME: 'web1' }) // 'app-service'
 * detectHost({}) // 'developer-machine'
 * ```
 */
export function detectHost(env: EnvLike = process.env, options: DetectHostOptions = {}): HostKind {
  return inspectHost(env, options).host
}
