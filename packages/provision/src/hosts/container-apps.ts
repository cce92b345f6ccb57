import type { ContainerApp } from '@azure/arm-appcontainers'
import type { ArmClients } from '../clients.js'
import { lroOptions } from '../clients.js'
import { armCall, armGetOptional } from '../errors/arm-error-mapping.js'
import { providerResourceId } from '../resource-ids.js'
import type { HostRef } from './host-ref.js'
import type { IdentityBlock, IdentityBlockUpdate } from './identity-block.js'

/**
 * The image a container app starts with until the sample's own image is deployed: Microsoft's public
 * quickstart image, listening on port 80.
 */
export const QUICKSTART_IMAGE = 'mcr.microsoft.com/k8se/quickstart:latest'

/** Options of {@link ensureHost} for Container Apps. */
export interface ContainerAppsHostOptions {
  kind: 'container-apps'
  resourceGroup: string
  /** Container app name: 2–32 lower-case letters, digits and `-`, starting with a letter. */
  name: string
  /** Default: the resource group's location. */
  location?: string | undefined
  /**
   * `create`: create the Container Apps managed environment too (or reuse it), and put the app in it. `skip`: only
   * the app, in the existing environment `environment.id` when given, otherwise without `managedEnvironmentId`
   * (the local tour's mode: the emulator, like Azure, refuses an environment ID that names no environment).
   */
  prerequisites: 'create' | 'skip'
  environment?: { name?: string | undefined; id?: string | undefined } | undefined
  /** Image and port. Default {@link QUICKSTART_IMAGE} on port 80; the sample's image listens on its `PORT`. */
  container?: { image: string; targetPort: number } | undefined
  /** Environment variables set when the app is created (use {@link ensureAppSettings} to change them later). */
  appSettings?: Readonly<Record<string, string>> | undefined
  tags?: Record<string, string> | undefined
}

/** Creates (or reuses) the managed environment and the container app. Never rewrites an existing app. */
export async function ensureContainerApp(
  clients: ArmClients,
  options: ContainerAppsHostOptions,
  location: string,
  host: HostRef,
): Promise<{ created: boolean; prerequisites: string[] }> {
  const context = {
    operation: `create container app "${options.name}"`,
    subscriptionId: clients.subscriptionId,
    resourceGroup: options.resourceGroup,
  }
  const existing = await armGetOptional({ ...context, resourceId: host.id }, () =>
    clients.containerApps.containerApps.get(options.resourceGroup, options.name),
  )
  const environmentName = options.environment?.name ?? `cae-${options.name}`
  const environmentId =
    options.environment?.id ??
    providerResourceId(
      clients.subscriptionId,
      options.resourceGroup,
      'Microsoft.App/managedEnvironments',
      environmentName,
    )
  if (existing) {
    return {
      created: false,
      prerequisites: existing.managedEnvironmentId ? [existing.managedEnvironmentId] : [],
    }
  }
  const usesEnvironment = options.prerequisites === 'create' || options.environment?.id !== undefined
  if (options.prerequisites === 'create' && !options.environment?.id) {
    const environment = await armGetOptional(
      {
        ...context,
        operation: `read Container Apps environment "${environmentName}"`,
        resourceId: environmentId,
      },
      () => clients.containerApps.managedEnvironments.get(options.resourceGroup, environmentName),
    )
    if (!environment) {
      await armCall({ ...context, operation: `create Container Apps environment "${environmentName}"` }, () =>
        clients.containerApps.managedEnvironments.beginCreateOrUpdateAndWait(
          options.resourceGroup,
          environmentName,
          {
            location,
            workloadProfiles: [{ name: 'Consumption', workloadProfileType: 'Consumption' }],
            ...(options.tags ? { tags: options.tags } : {}),
          },
          lroOptions(clients),
        ),
      )
    }
  }
  const container = options.container ?? { image: QUICKSTART_IMAGE, targetPort: 80 }
  const env = Object.entries(options.appSettings ?? {}).map(([name, value]) => ({ name, value }))
  await armCall(context, () =>
    clients.containerApps.containerApps.beginCreateOrUpdateAndWait(
      options.resourceGroup,
      options.name,
      {
        location,
        ...(usesEnvironment ? { managedEnvironmentId: environmentId } : {}),
        configuration: {
          activeRevisionsMode: 'Single',
          ingress: { external: true, targetPort: container.targetPort, transport: 'auto' },
        },
        template: {
          containers: [
            {
              name: 'app',
              image: container.image,
              resources: { cpu: 0.5, memory: '1Gi' },
              ...(env.length > 0 ? { env } : {}),
            },
          ],
          scale: { minReplicas: 0, maxReplicas: 1 },
        },
        ...(options.tags ? { tags: options.tags } : {}),
      },
      lroOptions(clients),
    ),
  )
  return { created: true, prerequisites: usesEnvironment ? [environmentId] : [] }
}

/** Reads the container app's identity block. */
export async function readContainerAppIdentity(
  clients: ArmClients,
  host: HostRef,
): Promise<IdentityBlock | undefined> {
  const app = await getContainerApp(clients, host, `read the identity of container app "${host.name}"`)
  return app.identity
}

/**
 * Writes the container app's identity block with PATCH (JSON merge patch), which leaves its secrets,
 * configuration and template alone. Removed identities are sent as `null`.
 */
export async function writeContainerAppIdentity(
  clients: ArmClients,
  host: HostRef,
  identity: IdentityBlockUpdate,
  operation: string,
): Promise<void> {
  const app = await getContainerApp(clients, host, operation)
  await armCall(
    {
      operation,
      subscriptionId: clients.subscriptionId,
      resourceGroup: host.resourceGroup,
      resourceId: host.id,
    },
    () =>
      clients.containerApps.containerApps.beginUpdateAndWait(
        host.resourceGroup,
        host.name,
        { location: app.location, identity: identity as ContainerApp['identity'] & object },
        lroOptions(clients),
      ),
  )
}

/** Merges environment variables into the app's first container (PATCH of the template: a new revision). */
export async function mergeContainerAppEnv(
  clients: ArmClients,
  host: HostRef,
  settings: Readonly<Record<string, string>>,
): Promise<void> {
  const operation = `set environment variables of container app "${host.name}"`
  const app = await getContainerApp(clients, host, operation)
  const containers = [...(app.template?.containers ?? [])]
  const first = containers[0] ?? { name: 'app', image: QUICKSTART_IMAGE }
  const env = (first.env ?? []).filter((entry) => entry.name === undefined || !(entry.name in settings))
  for (const [name, value] of Object.entries(settings)) env.push({ name, value })
  containers[0] = { ...first, env }
  await armCall(
    {
      operation,
      subscriptionId: clients.subscriptionId,
      resourceGroup: host.resourceGroup,
      resourceId: host.id,
    },
    () =>
      clients.containerApps.containerApps.beginUpdateAndWait(
        host.resourceGroup,
        host.name,
        { location: app.location, template: { ...app.template, containers } },
        lroOptions(clients),
      ),
  )
}

async function getContainerApp(clients: ArmClients, host: HostRef, operation: string): Promise<ContainerApp> {
  return armCall(
    {
      operation,
      subscriptionId: clients.subscriptionId,
      resourceGroup: host.resourceGroup,
      resourceId: host.id,
      createWith: "ensureHost({ kind: 'container-apps', … }) or az containerapp create",
    },
    () => clients.containerApps.containerApps.get(host.resourceGroup, host.name),
  )
}
