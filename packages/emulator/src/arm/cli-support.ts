import { randomUUID } from 'node:crypto'
import { normalizeId } from '../resource-id.js'
import { authorize } from './auth.js'
import { isObject, type JsonObject } from './body.js'
import { ArmCall, type ArmReply, listReply } from './call.js'
import { ArmError, invalidRequestContent, resourceNotFound } from './errors.js'
import type { ArmRoute } from './route.js'

/**
 * What the Azure CLI reads or calls around the resources the emulator models, answered with Azure's shapes (found
 * by running the guides' `az` commands against the emulator; see docs/arm.md, "Azure CLI"):
 * - `POST /subscriptions/{sub}/providers/Microsoft.Web/checknameavailability` (`az webapp create`);
 * - `GET /providers/Microsoft.Web/webAppStacks` (`--runtime NODE:22-lts`);
 * - `POST .../sites/{name}/publishxml` (`az webapp create` reads the publishing profile; no credentials in it);
 * - the compute image catalogue `.../providers/Microsoft.Compute/locations/{l}/publishers/{p}/artifacttypes/
 *   vmimage/offers/{o}/skus/{s}/versions[/{v}]` (`az vm create --image <alias>`);
 * - `PUT .../providers/Microsoft.Resources/deployments/{name}`: the template `az vm create` sends, applied resource
 *   by resource through the emulator's own handlers, in `dependsOn` order;
 * - `GET virtualMachines/{name}?$expand=instanceView` and `.../instanceView`; `POST .../runCommand`.
 */

type ProviderPathRoute = Extract<ArmRoute, { kind: 'providerPath' }>
type ResourceRoute = Extract<ArmRoute, { kind: 'resource' }>
type Dispatch = (call: ArmCall, path: string) => Promise<ArmReply>

const eq = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase()

/** The image the emulator's alias document and catalogue offer for each alias (Azure's current aliases). */
const IMAGES: Record<string, { publisher: string; offer: string; sku: string; os: 'Linux' | 'Windows' }> = {
  Ubuntu2404: { publisher: 'Canonical', offer: 'ubuntu-24_04-lts', sku: 'server', os: 'Linux' },
  Ubuntu2204: {
    publisher: 'Canonical',
    offer: '0001-com-ubuntu-server-jammy',
    sku: '22_04-lts-gen2',
    os: 'Linux',
  },
  UbuntuLTS: { publisher: 'Canonical', offer: 'UbuntuServer', sku: '18.04-LTS', os: 'Linux' },
  Debian12: { publisher: 'Debian', offer: 'debian-12', sku: '12-gen2', os: 'Linux' },
  Win2022Datacenter: {
    publisher: 'MicrosoftWindowsServer',
    offer: 'WindowsServer',
    sku: '2022-datacenter-g2',
    os: 'Windows',
  },
}
const IMAGE_VERSION = '1.0.20260101'

/** The VM image alias document (`endpoints.vmImageAliasDoc` of a registered cloud), Azure's format. */
export function vmImageAliasDocument(): unknown {
  const value: Record<string, Record<string, unknown>> = { Linux: {}, Windows: {} }
  for (const [alias, image] of Object.entries(IMAGES)) {
    ;(value[image.os] as Record<string, unknown>)[alias] = {
      publisher: image.publisher,
      offer: image.offer,
      sku: image.sku,
      version: 'latest',
      architecture: 'x64',
    }
  }
  return {
    $schema: 'http://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json',
    contentVersion: '1.0.0.0',
    parameters: {},
    variables: {},
    resources: [],
    outputs: { aliases: { type: 'object', value } },
  }
}

/** `checknameavailability` (collection-shaped POST): names of existing sites are taken. */
export function checkNameAvailability(call: ArmCall, type: string): ArmReply | undefined {
  if (!eq(type, 'Microsoft.Web/checknameavailability') || call.method !== 'POST') return undefined
  const body = call.body()
  if (typeof body.name !== 'string' || body.name === '') throw invalidRequestContent("'name' is required.")
  const name = body.name.toLowerCase()
  const taken = Object.values(call.ctx.state.data.hosts).some(
    (host) => host.kind === 'site' && host.name.toLowerCase() === name,
  )
  return {
    status: 200,
    body: taken
      ? {
          nameAvailable: false,
          reason: 'AlreadyExists',
          message: `Hostname '${body.name}' already exists. Please select a different name.`,
        }
      : { nameAvailable: true, reason: '', message: '' },
  }
}

const stack = (os: 'linux' | 'windows') => ({
  id: null,
  name: 'node',
  type: 'Microsoft.Web/webAppStacks?stackOsType=Linux',
  properties: {
    displayText: 'Node',
    value: 'node',
    preferredOs: os,
    majorVersions: ['24', '22', '20'].map((major) => ({
      displayText: `Node ${major}`,
      value: major,
      minorVersions: [
        {
          displayText: `Node ${major} LTS`,
          value: `${major}-lts`,
          stackSettings: {
            [os === 'linux' ? 'linuxRuntimeSettings' : 'windowsRuntimeSettings']: {
              runtimeVersion: os === 'linux' ? `NODE|${major}-lts` : `~${major}`,
              isDeprecated: false,
              isPreview: false,
              isHidden: false,
              isAutoUpdate: false,
              remoteDebuggingSupported: false,
              appInsightsSettings: { isSupported: true },
              gitHubActionSettings: { isSupported: true, supportedVersion: `${major}.x` },
            },
          },
        },
      ],
    })),
  },
})

/** Tenant- and subscription-level provider paths deeper than a collection. */
export function handleProviderPath(call: ArmCall, route: ProviderPathRoute, path: string): ArmReply {
  const s = route.segments
  if (route.subscriptionId === undefined) {
    if (eq(route.namespace, 'Microsoft.Web') && eq(s[0], 'webAppStacks') && s.length === 1) {
      if (call.method !== 'GET') throw notModelled(path)
      const os = (call.query.get('stackOsType') ?? 'linux').toLowerCase() === 'windows' ? 'windows' : 'linux'
      return listReply([stack(os)])
    }
    throw notModelled(path)
  }
  // locations/{l}/publishers/{p}/artifacttypes/vmimage/offers/{o}/skus/{s}/versions[/{v}]
  const ok =
    call.method === 'GET' &&
    eq(s[2], 'publishers') &&
    eq(s[4], 'artifacttypes') &&
    eq(s[5], 'vmimage') &&
    eq(s[6], 'offers') &&
    eq(s[8], 'skus') &&
    eq(s[10], 'versions') &&
    (s.length === 11 || s.length === 12)
  if (!ok) throw notModelled(path)
  const [, location = '', , publisher = '', , , , offer = '', , sku = ''] = s
  const known = Object.values(IMAGES).some(
    (image) => eq(image.publisher, publisher) && eq(image.offer, offer) && eq(image.sku, sku),
  )
  const version = s[11]
  const id = `/Subscriptions/${route.subscriptionId}/Providers/Microsoft.Compute/Locations/${location}/Publishers/${publisher}/ArtifactTypes/VMImage/Offers/${offer}/Skus/${sku}/Versions/${IMAGE_VERSION}`
  if (version === undefined)
    return { status: 200, body: known ? [{ location, name: IMAGE_VERSION, id }] : [] }
  if (!known || (version !== IMAGE_VERSION && version !== 'latest')) {
    throw new ArmError(
      404,
      'ImageVersionNotFound',
      `Artifact: VMImage was not found. The uami emulator offers ${Object.keys(IMAGES).join(', ')} at version ${IMAGE_VERSION}.`,
    )
  }
  return {
    status: 200,
    body: {
      name: IMAGE_VERSION,
      location,
      id,
      properties: {
        hyperVGeneration: 'V2',
        architecture: 'x64',
        osDiskImage: { operatingSystem: 'Linux', sizeInGb: 30 },
        dataDiskImages: [],
        automaticOSUpgradeProperties: { automaticOSUpgradeSupported: false },
        imageDeprecationStatus: { imageState: 'Active' },
      },
    },
  }
}

function notModelled(path: string): ArmError {
  return new ArmError(
    400,
    'NoRegisteredProviderFound',
    `The path '${path}' is not modelled by the uami emulator.`,
  )
}

function requireVm(call: ArmCall, route: ResourceRoute): JsonObject {
  const name = route.names[0] as string
  const id = `/subscriptions/${call.subscriptionId}/resourceGroups/${route.resourceGroup}/providers/Microsoft.Compute/virtualMachines/${name}`
  const host = call.ctx.state.data.hosts[normalizeId(id)]
  if (host?.kind !== 'virtualMachine') {
    throw resourceNotFound('Microsoft.Compute/virtualMachines', name, route.resourceGroup)
  }
  return { id: host.id }
}

const instanceView = () => ({
  computerName: undefined,
  statuses: [
    {
      code: 'ProvisioningState/succeeded',
      level: 'Info',
      displayStatus: 'Provisioning succeeded',
      time: new Date().toISOString(),
    },
    { code: 'PowerState/running', level: 'Info', displayStatus: 'VM running' },
  ],
})

/**
 * Child paths and actions of hosts the CLI uses, or `undefined`: `virtualMachines/{n}/instanceView`,
 * `virtualMachines/{n}/runCommand` (POST), `sites/{n}/publishxml` (POST).
 */
export function handleHostAction(call: ArmCall, route: ResourceRoute): ArmReply | undefined {
  const [parent, action] = route.types
  if (route.types.length !== 2 || route.names.length !== 1) return undefined
  const rg = route.resourceGroup
  if (eq(route.namespace, 'Microsoft.Compute') && eq(parent, 'virtualMachines')) {
    const scope = requireVm(call, route).id as string
    if (eq(action, 'instanceView') && call.method === 'GET') {
      authorize(call.ctx, call.caller, { action: 'Microsoft.Compute/virtualMachines/read', scope })
      return { status: 200, body: instanceView() }
    }
    if (eq(action, 'runCommand') && call.method === 'POST') {
      authorize(call.ctx, call.caller, {
        action: 'Microsoft.Compute/virtualMachines/runCommand/action',
        scope,
      })
      const body = call.body()
      if (typeof body.commandId !== 'string') throw invalidRequestContent("'commandId' is required.")
      // The emulated VM runs nothing: the script is accepted and reported as run, with empty output.
      return {
        status: 200,
        body: {
          value: [
            {
              code: 'ProvisioningState/succeeded',
              level: 'Info',
              displayStatus: 'Provisioning succeeded',
              message: 'Enable succeeded: \n[stdout]\n\n[stderr]\n',
            },
          ],
        },
      }
    }
  }
  if (eq(route.namespace, 'Microsoft.Web') && eq(parent, 'sites') && eq(action, 'publishxml')) {
    if (call.method !== 'POST') return undefined
    const name = route.names[0] as string
    const id = `/subscriptions/${call.subscriptionId}/resourceGroups/${rg}/providers/Microsoft.Web/sites/${name}`
    const site = call.ctx.state.data.hosts[normalizeId(id)]
    if (site?.kind !== 'site') throw resourceNotFound('Microsoft.Web/sites', name, rg)
    authorize(call.ctx, call.caller, { action: 'Microsoft.Web/sites/publishxml/action', scope: site.id })
    const host = `${site.name.toLowerCase()}.scm.azurewebsites.net`
    // No credentials: the emulator has no deployment endpoint, so the password fields stay empty.
    const xml = `<publishData><publishProfile profileName="${site.name} - Web Deploy" publishMethod="MSDeploy" publishUrl="${host}:443" msdeploySite="${site.name}" userName="$${site.name}" userPWD="" destinationAppUrl="https://${site.name.toLowerCase()}.azurewebsites.net" /><publishProfile profileName="${site.name} - Zip Deploy" publishMethod="ZipDeploy" publishUrl="${host}:443" userName="$${site.name}" userPWD="" destinationAppUrl="https://${site.name.toLowerCase()}.azurewebsites.net" /></publishData>`
    return { status: 200, text: { contentType: 'application/xml', value: xml } }
  }
  return undefined
}

/** Adds `properties.instanceView` to a VM GET with `$expand=instanceView`. */
export function withInstanceView(call: ArmCall, route: ResourceRoute, reply: ArmReply): ArmReply {
  const expand = call.query.get('$expand')
  const isVm =
    eq(route.namespace, 'Microsoft.Compute') &&
    eq(route.types[0], 'virtualMachines') &&
    route.types.length === 1
  if (!isVm || call.method !== 'GET' || !expand || !/instanceview/i.test(expand) || !isObject(reply.body)) {
    return reply
  }
  const properties = isObject(reply.body.properties) ? reply.body.properties : {}
  return { ...reply, body: { ...reply.body, properties: { ...properties, instanceView: instanceView() } } }
}

/** Evaluates the ARM template expressions the CLI's templates use: `resourceId(...)`, `concat(...)`, literals. */
function evaluate(value: unknown, call: ArmCall, rg: string, parameters: JsonObject): unknown {
  if (typeof value === 'string') {
    if (!(value.startsWith('[') && value.endsWith(']')) || value.startsWith('[[')) return value
    return expression(value.slice(1, -1).trim(), call, rg, parameters)
  }
  if (Array.isArray(value)) return value.map((item) => evaluate(item, call, rg, parameters))
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluate(v, call, rg, parameters)]))
  }
  return value
}

function expression(text: string, call: ArmCall, rg: string, parameters: JsonObject): unknown {
  let pos = 0
  const fail = (): never => {
    throw new ArmError(
      400,
      'InvalidTemplate',
      `The template expression '[${text}]' is not supported by the uami emulator (it evaluates resourceId(), concat() and parameters()).`,
    )
  }
  const skip = () => {
    while (text[pos] === ' ') pos++
  }
  const parse = (): unknown => {
    skip()
    if (text[pos] === "'") {
      let out = ''
      pos++
      while (pos < text.length) {
        if (text[pos] === "'" && text[pos + 1] === "'") {
          out += "'"
          pos += 2
        } else if (text[pos] === "'") {
          pos++
          return out
        } else out += text[pos++]
      }
      return fail()
    }
    const match = /^[A-Za-z]+/.exec(text.slice(pos))
    if (!match) return fail()
    const fn = match[0]
    pos += fn.length
    skip()
    if (text[pos] !== '(') return fail()
    pos++
    const args: unknown[] = []
    skip()
    while (text[pos] !== ')') {
      args.push(parse())
      skip()
      if (text[pos] === ',') pos++
      else if (text[pos] !== ')') return fail()
    }
    pos++
    const strings = args.map(String)
    switch (fn.toLowerCase()) {
      case 'concat':
        return strings.join('')
      case 'parameters':
        return (parameters[strings[0] as string] as JsonObject | undefined)?.value ?? fail()
      case 'resourceid': {
        const [type, ...names] = strings
        const [namespace, ...types] = (type ?? '').split('/')
        const pairs = types.map((t, i) => `${t}/${names[i] ?? ''}`).join('/')
        return `/subscriptions/${call.subscriptionId}/resourceGroups/${rg}/providers/${namespace}/${pairs}`
      }
      default:
        return fail()
    }
  }
  const result = parse()
  skip()
  if (pos !== text.length) fail()
  return result
}

/**
 * `PUT .../providers/Microsoft.Resources/deployments/{name}` with an inline template: each resource is PUT through
 * the emulator's own handlers (same validation and RBAC) after the ones it `dependsOn`; answers the deployment as
 * `Succeeded` (200, no polling). `GET` of a deployment is not kept.
 */
export async function handleDeployment(
  call: ArmCall,
  route: ResourceRoute,
  path: string,
  dispatch: Dispatch,
): Promise<ArmReply | undefined> {
  if (!eq(route.namespace, 'Microsoft.Resources') || !eq(route.types[0], 'deployments')) return undefined
  if (route.types.length !== 1 || route.names.length !== 1 || call.method !== 'PUT') {
    throw new ArmError(
      405,
      'MethodNotAllowed',
      `The uami emulator applies deployments (PUT with an inline template) but does not keep them: '${call.method} ${path}' is not supported.`,
    )
  }
  const name = route.names[0] as string
  const rg = route.resourceGroup
  const properties = call.body().properties
  if (!isObject(properties) || !isObject(properties.template)) {
    throw invalidRequestContent("'properties.template' (an inline template) is required.")
  }
  const parameters = isObject(properties.parameters) ? properties.parameters : {}
  const resources = Array.isArray(properties.template.resources) ? properties.template.resources : []
  const pending = resources.filter(isObject).map((resource) => {
    const type = String(resource.type ?? '')
    const resourceName = String(evaluate(resource.name, call, rg, parameters))
    return { resource, key: `${type}/${resourceName}`.toLowerCase(), type, name: resourceName }
  })
  const done = new Set<string>()
  const outputs: unknown[] = []
  while (pending.length > 0) {
    const index = pending.findIndex((item) =>
      (Array.isArray(item.resource.dependsOn) ? item.resource.dependsOn : []).every((dep) => {
        const key = String(dep).toLowerCase()
        return done.has(key) || !pending.some((other) => other.key === key)
      }),
    )
    if (index < 0) throw new ArmError(400, 'InvalidTemplate', 'The template has circular dependsOn.')
    const [item] = pending.splice(index, 1) as [(typeof pending)[number]]
    const { type, name: resourceName, resource } = item
    const [namespace, ...types] = type.split('/')
    const names = resourceName.split('/')
    const body: JsonObject = {}
    for (const field of ['location', 'tags', 'properties', 'identity', 'sku', 'kind', 'plan', 'zones']) {
      if (resource[field] !== undefined) body[field] = evaluate(resource[field], call, rg, parameters)
    }
    const childRoute: ResourceRoute = {
      kind: 'resource',
      subscriptionId: call.subscriptionId,
      resourceGroup: rg,
      namespace: namespace ?? '',
      types,
      names,
    }
    const childPath = `/subscriptions/${call.subscriptionId}/resourceGroups/${rg}/providers/${namespace}/${types.map((t, i) => `${t}/${names[i] ?? ''}`).join('/')}`
    const child = new ArmCall(
      call.ctx,
      'PUT',
      childRoute,
      new URLSearchParams({ 'api-version': String(resource.apiVersion ?? call.apiVersion) }),
      String(resource.apiVersion ?? call.apiVersion),
      call.caller,
      JSON.stringify(body),
    )
    await dispatch(child, childPath)
    done.add(item.key)
    outputs.push({ id: childPath })
  }
  const id = `/subscriptions/${call.subscriptionId}/resourceGroups/${rg}/providers/Microsoft.Resources/deployments/${name}`
  const now = new Date().toISOString()
  return {
    status: 200,
    body: {
      id,
      name,
      type: 'Microsoft.Resources/deployments',
      properties: {
        templateHash: randomUUID(),
        parameters,
        mode: properties.mode ?? 'Incremental',
        provisioningState: 'Succeeded',
        timestamp: now,
        duration: 'PT0S',
        correlationId: randomUUID(),
        providers: [],
        dependencies: [],
        outputResources: outputs,
        outputs: {},
      },
    },
  }
}
