import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { withAppSettings } from '../arm/app-settings.js'
import type { EmulatorContext } from '../context.js'
import { fullType, normalizeId, parseResourceId } from '../resource-id.js'
import { type EmulatorStateData, type HostRecord, hostResourceTypes } from '../state/model.js'
import { caFiles } from '../tls/local-ca.js'
import { HostNotFoundError, InvalidHostIdError } from './errors.js'

/** What {@link buildHostEnvironment} needs: the state and where the identity endpoints listen. */
export interface HostEnvironmentSource {
  data: Readonly<EmulatorStateData>
  /** `http://127.0.0.1:{port}` of the identity server. */
  identityEndpoint: string
  /** The local CA certificate (`NODE_EXTRA_CA_CERTS`). */
  caCertPath: string
}

/**
 * The environment Azure gives a process on the host, for a running emulator.
 *
 * @throws {@link InvalidHostIdError} for an ID that is not a site, container app or VM ID.
 * @throws {@link HostNotFoundError} when the emulator has no such host.
 */
export function hostEnvironment(ctx: EmulatorContext, hostResourceId: string): Record<string, string> {
  return buildHostEnvironment(
    { data: ctx.state.data, identityEndpoint: ctx.urls.identity, caCertPath: ctx.tls.caCertPath },
    hostResourceId,
  )
}

/**
 * The environment Azure gives a process on the host, from state read on disk (the CLI's `env` command):
 * - sites: `IDENTITY_ENDPOINT`, `IDENTITY_HEADER` and App Service's markers (`WEBSITE_SITE_NAME`, ...);
 * - container apps: `IDENTITY_ENDPOINT`, `IDENTITY_HEADER` and `CONTAINER_APP_NAME`, ...;
 * - virtual machines: `AZURE_POD_IDENTITY_AUTHORITY_HOST` only (VMs set no marker);
 * - always `NODE_EXTRA_CA_CERTS`. Never `IDENTITY_SERVER_THUMBPRINT` (Service Fabric) nor `MSI_ENDPOINT`;
 * - plus the host's app settings (a site's `config/appsettings`, a container app's first container's `env`), as
 *   Azure injects them; a setting named like one of the variables above never replaces it.
 *
 * @throws {@link InvalidHostIdError} / {@link HostNotFoundError}
 */
export function buildHostEnvironment(
  source: HostEnvironmentSource,
  hostResourceId: string,
): Record<string, string> {
  const parsed = parseResourceId(hostResourceId)
  const type = parsed && fullType(parsed)?.toLowerCase()
  const hostTypes = Object.values(hostResourceTypes).map((t) => t.toLowerCase())
  if (!parsed?.resourceGroup || !type || !hostTypes.includes(type)) {
    throw new InvalidHostIdError(hostResourceId)
  }
  const host = source.data.hosts[normalizeId(hostResourceId)]
  if (!host) throw new HostNotFoundError(hostResourceId)
  // The host's app settings / container env first; the platform's variables always win (see withAppSettings).
  return withAppSettings(
    {
      ...hostMarkers(source, host),
      NODE_EXTRA_CA_CERTS: source.caCertPath,
    },
    host,
  )
}

function hostMarkers(source: HostEnvironmentSource, host: HostRecord): Record<string, string> {
  const base = source.identityEndpoint.replace(/\/+$/, '')
  const key = host.imdsKey.toLowerCase()
  const location = host.location.replace(/\s+/g, '').toLowerCase()
  switch (host.kind) {
    case 'site':
      return {
        IDENTITY_ENDPOINT: `${base}/${key}/msi/token`,
        IDENTITY_HEADER: host.identityHeader,
        WEBSITE_SITE_NAME: host.name,
        WEBSITE_RESOURCE_GROUP: host.resourceGroup,
        WEBSITE_OWNER_NAME: `${source.data.subscriptionId}+${host.resourceGroup}-${location}webspace`,
        WEBSITE_HOSTNAME: `${host.name.toLowerCase()}.azurewebsites.net`,
        WEBSITE_INSTANCE_ID: stableHex(host, 'instance', 64),
      }
    case 'containerApp': {
      const dnsSuffix = `${stableHex(host, 'environment', 10)}.${location}.azurecontainerapps.io`
      const revision = `${host.name.toLowerCase()}--${stableHex(host, 'revision', 7)}`
      return {
        IDENTITY_ENDPOINT: `${base}/${key}/msi/token`,
        IDENTITY_HEADER: host.identityHeader,
        CONTAINER_APP_NAME: host.name,
        CONTAINER_APP_REVISION: revision,
        CONTAINER_APP_ENV_DNS_SUFFIX: dnsSuffix,
        CONTAINER_APP_HOSTNAME: `${revision}.${dnsSuffix}`,
      }
    }
    case 'virtualMachine':
      return { AZURE_POD_IDENTITY_AUTHORITY_HOST: `${base}/${key}` }
  }
}

/** A value that looks like Azure's generated ones and stays the same for a host across restarts. */
function stableHex(host: HostRecord, purpose: string, length: number): string {
  return createHash('sha256')
    .update(`${purpose}\u0000${host.id.toLowerCase()}\u0000${host.createdAt}`)
    .digest('hex')
    .slice(0, length)
}

/** Where a state directory keeps its CA certificate (for the CLI, which reads state without starting). */
export function caCertPathIn(stateDir: string): string {
  return join(stateDir, caFiles.caCert)
}
