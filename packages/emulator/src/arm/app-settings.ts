import type { HostRecord } from '../state/model.js'
import { isObject, type JsonObject } from './body.js'
import { ArmError, invalidRequestContent } from './errors.js'

/**
 * App settings: the variables Azure sets in a host's process besides its own. A site's come from
 * `config/appsettings` (or `siteConfig.appSettings` in a site PUT); a container app's from its first container's
 * `env`; a VM has none in ARM (cloud-init or systemd set them on the machine).
 */

/**
 * The app settings Azure injects into the host's process: a site's app settings, or the `env` of a container app's
 * first container (`{ name, value }`). Empty for VMs.
 *
 * @param record - The host.
 * @returns Variable name → value.
 */
export function hostAppSettings(record: HostRecord): Record<string, string> {
  if (record.kind === 'site') return { ...record.appSettings }
  if (record.kind === 'virtualMachine') return {}
  const template = record.extraProperties.template
  const containers = isObject(template) && Array.isArray(template.containers) ? template.containers : []
  const first: unknown = containers[0]
  const env = isObject(first) && Array.isArray(first.env) ? first.env : []
  const result: Record<string, string> = {}
  for (const entry of env) {
    if (isObject(entry) && typeof entry.name === 'string') {
      result[entry.name] = typeof entry.value === 'string' ? entry.value : ''
    }
  }
  return result
}

/**
 * A host's process environment: its app settings, then the platform's own variables on top. An app setting never
 * replaces a platform variable (`IDENTITY_ENDPOINT`, `IDENTITY_HEADER`, `WEBSITE_SITE_NAME`, `CONTAINER_APP_NAME`,
 * `AZURE_POD_IDENTITY_AUTHORITY_HOST`, `NODE_EXTRA_CA_CERTS`, ...): a setting whose name matches one, in any
 * casing, is left out. Other settings pass through as Azure passes them.
 *
 * @param platform - The variables the platform (the emulator) sets for the host.
 * @param record - The host.
 * @returns The environment of a process on the host.
 */
export function withAppSettings(
  platform: Readonly<Record<string, string>>,
  record: HostRecord,
): Record<string, string> {
  const reserved = new Set(Object.keys(platform).map((name) => name.toUpperCase()))
  const settings = Object.entries(hostAppSettings(record)).filter(
    ([name]) => !reserved.has(name.toUpperCase()),
  )
  return { ...Object.fromEntries(settings), ...platform }
}

function checkVariableName(name: unknown, path: string): asserts name is string {
  if (typeof name !== 'string' || name === '') {
    throw invalidRequestContent(`'${path}' must be a non-empty string.`)
  }
  if (name.includes('=') || name.includes('\u0000')) {
    throw invalidRequestContent(
      `'${path}' ('${name}') cannot contain '=' or NUL: it becomes an environment variable.`,
    )
  }
}

/** A `config/appsettings` PUT body's `properties`: names to string values (400 otherwise). */
export function appSettingsOfBody(body: JsonObject): Record<string, string> {
  const properties = body.properties
  if (properties === undefined || properties === null) return {}
  if (!isObject(properties))
    throw invalidRequestContent("'properties' must be an object of app setting names to string values.")
  const result: Record<string, string> = {}
  for (const [name, value] of Object.entries(properties)) {
    checkVariableName(name, 'properties')
    if (typeof value !== 'string') {
      throw invalidRequestContent(`the value of app setting '${name}' must be a string.`)
    }
    result[name] = value
  }
  return result
}

/**
 * `siteConfig.appSettings` (`[{ name, value }]`) of a site PUT/PATCH `properties`: the new app settings, or
 * `undefined` when absent or `null` (the site keeps its app settings, as in Azure).
 */
export function siteConfigAppSettings(properties: JsonObject): Record<string, string> | undefined {
  const siteConfig = properties.siteConfig
  if (!isObject(siteConfig)) return undefined
  const list = siteConfig.appSettings
  if (list === undefined || list === null) return undefined
  if (!Array.isArray(list))
    throw invalidRequestContent("'properties.siteConfig.appSettings' must be an array of { name, value }.")
  const result: Record<string, string> = {}
  for (const [index, entry] of list.entries()) {
    const path = `properties.siteConfig.appSettings[${index}].name`
    if (!isObject(entry))
      throw invalidRequestContent(`'properties.siteConfig.appSettings[${index}]' must be an object.`)
    checkVariableName(entry.name, path)
    if (entry.value !== undefined && entry.value !== null && typeof entry.value !== 'string') {
      throw invalidRequestContent(`the value of app setting '${entry.name}' must be a string.`)
    }
    result[entry.name] = typeof entry.value === 'string' ? entry.value : ''
  }
  return result
}

/** `properties` without `siteConfig.appSettings` (stored apart, in {@link HostRecord.appSettings}). */
export function withoutSiteConfigAppSettings(properties: JsonObject): JsonObject {
  const siteConfig = properties.siteConfig
  if (!isObject(siteConfig) || !('appSettings' in siteConfig)) return properties
  const { appSettings: _, ...rest } = siteConfig
  return { ...properties, siteConfig: rest }
}

/**
 * Checks `properties.template.containers[].env` of a container app PUT/PATCH: `{ name, value }` entries. Container
 * Apps secrets are not modelled, so an entry with `secretRef` is refused (400 `ContainerAppSecretRefNotSupported`)
 * rather than silently left out of the process environment.
 */
export function checkContainerEnv(properties: JsonObject): void {
  const template = properties.template
  if (template === undefined || template === null) return
  if (!isObject(template)) throw invalidRequestContent("'properties.template' must be an object.")
  const containers = template.containers
  if (containers === undefined || containers === null) return
  if (!Array.isArray(containers))
    throw invalidRequestContent("'properties.template.containers' must be an array.")
  for (const [c, container] of containers.entries()) {
    if (!isObject(container))
      throw invalidRequestContent(`'properties.template.containers[${c}]' must be an object.`)
    const env = container.env
    if (env === undefined || env === null) continue
    if (!Array.isArray(env))
      throw invalidRequestContent(`'properties.template.containers[${c}].env' must be an array.`)
    for (const [e, entry] of env.entries()) {
      const path = `properties.template.containers[${c}].env[${e}]`
      if (!isObject(entry))
        throw invalidRequestContent(`'${path}' must be an object with 'name' and 'value'.`)
      checkVariableName(entry.name, `${path}.name`)
      if (entry.secretRef !== undefined && entry.secretRef !== null) {
        throw new ArmError(
          400,
          'ContainerAppSecretRefNotSupported',
          `The environment variable '${entry.name}' at '${path}' uses secretRef '${String(entry.secretRef)}'. The uami emulator does not model Container Apps secrets: set 'value' instead (locally the value is not secret anyway).`,
        )
      }
      if (entry.value !== undefined && entry.value !== null && typeof entry.value !== 'string') {
        throw invalidRequestContent(
          `the value of environment variable '${entry.name}' at '${path}' must be a string.`,
        )
      }
    }
  }
}
