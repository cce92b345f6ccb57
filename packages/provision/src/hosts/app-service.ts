import type { Site } from '@azure/arm-appservice'
import type { ArmClients } from '../clients.js'
import { lroOptions } from '../clients.js'
import { armCall, armGetOptional } from '../errors/arm-error-mapping.js'
import { providerResourceId } from '../resource-ids.js'
import type { HostRef } from './host-ref.js'
import type { IdentityBlock, IdentityBlockUpdate } from './identity-block.js'

/** Default Linux runtime of the App Service sample. */
export const APP_SERVICE_RUNTIME = 'NODE|22-lts'

/** Options of {@link ensureHost} for App Service. */
export interface AppServiceHostOptions {
  kind: 'app-service'
  resourceGroup: string
  /** Site name: globally unique in Azure (`<name>.azurewebsites.net`), 2–60 letters, digits and `-`. */
  name: string
  /** Default: the resource group's location. */
  location?: string | undefined
  /**
   * `create`: create the Linux App Service plan too (or reuse it), and put the site on it. `skip`: only the site,
   * on the existing plan `plan.id` when given, otherwise without `serverFarmId` (the local tour's mode: the
   * emulator, like Azure, refuses a `serverFarmId` that names no plan).
   */
  prerequisites: 'create' | 'skip'
  plan?: { name?: string | undefined; sku?: string | undefined; id?: string | undefined } | undefined
  /** `linuxFxVersion`. Default {@link APP_SERVICE_RUNTIME}. */
  runtime?: string | undefined
  /** Startup command (`appCommandLine`), e.g. `node server.mjs`. */
  startupCommand?: string | undefined
  /** App settings set when the site is created (use {@link ensureAppSettings} to change an existing site). */
  appSettings?: Readonly<Record<string, string>> | undefined
  tags?: Record<string, string> | undefined
}

/** Creates (or reuses) the App Service plan and site. Never rewrites an existing site. */
export async function ensureAppServiceSite(
  clients: ArmClients,
  options: AppServiceHostOptions,
  location: string,
  host: HostRef,
): Promise<{ created: boolean; prerequisites: string[] }> {
  const context = {
    operation: `create App Service site "${options.name}"`,
    subscriptionId: clients.subscriptionId,
    resourceGroup: options.resourceGroup,
  }
  const existing = await armGetOptional({ ...context, resourceId: host.id }, () =>
    clients.appService.webApps.get(options.resourceGroup, options.name),
  )
  const planName = options.plan?.name ?? `asp-${options.name}`
  const planId =
    options.plan?.id ??
    providerResourceId(clients.subscriptionId, options.resourceGroup, 'Microsoft.Web/serverfarms', planName)
  if (existing) return { created: false, prerequisites: existing.serverFarmId ? [existing.serverFarmId] : [] }
  const usesPlan = options.prerequisites === 'create' || options.plan?.id !== undefined
  if (options.prerequisites === 'create' && !options.plan?.id) {
    const plan = await armGetOptional(
      { ...context, operation: `read App Service plan "${planName}"`, resourceId: planId },
      () => clients.appService.appServicePlans.get(options.resourceGroup, planName),
    )
    if (!plan) {
      const sku = options.plan?.sku ?? 'B1'
      const tier = skuTier(sku)
      await armCall({ ...context, operation: `create App Service plan "${planName}"` }, () =>
        clients.appService.appServicePlans.beginCreateOrUpdateAndWait(
          options.resourceGroup,
          planName,
          {
            location,
            kind: 'linux',
            reserved: true,
            sku: { name: sku, capacity: 1, ...(tier ? { tier } : {}) },
            ...(options.tags ? { tags: options.tags } : {}),
          },
          lroOptions(clients),
        ),
      )
    }
  }
  const appSettings = Object.entries(options.appSettings ?? {}).map(([name, value]) => ({ name, value }))
  await armCall(context, () =>
    clients.appService.webApps.beginCreateOrUpdateAndWait(
      options.resourceGroup,
      options.name,
      {
        location,
        kind: 'app,linux',
        ...(usesPlan ? { serverFarmId: planId } : {}),
        reserved: true,
        httpsOnly: true,
        siteConfig: {
          linuxFxVersion: options.runtime ?? APP_SERVICE_RUNTIME,
          ...(options.startupCommand ? { appCommandLine: options.startupCommand } : {}),
          ftpsState: 'Disabled',
          minTlsVersion: '1.2',
          ...(appSettings.length > 0 ? { appSettings } : {}),
        },
        ...(options.tags ? { tags: options.tags } : {}),
      },
      lroOptions(clients),
    ),
  )
  return { created: true, prerequisites: usesPlan ? [planId] : [] }
}

/** Reads the site's identity block. */
export async function readSiteIdentity(
  clients: ArmClients,
  host: HostRef,
): Promise<IdentityBlock | undefined> {
  const site = await getSite(clients, host, `read the identity of App Service site "${host.name}"`)
  return site.identity
}

/**
 * Writes the site's identity block: GET the site, replace `identity`, PUT it back — what `az webapp identity
 * assign` and the App Service tooling do.
 */
export async function writeSiteIdentity(
  clients: ArmClients,
  host: HostRef,
  identity: IdentityBlockUpdate,
  operation: string,
): Promise<void> {
  const site = await getSite(clients, host, operation)
  const next: Site = { ...site, identity: identity as Site['identity'] & object }
  await armCall(
    {
      operation,
      subscriptionId: clients.subscriptionId,
      resourceGroup: host.resourceGroup,
      resourceId: host.id,
    },
    () =>
      clients.appService.webApps.beginCreateOrUpdateAndWait(
        host.resourceGroup,
        host.name,
        next,
        lroOptions(clients),
      ),
  )
}

/** Merges app settings into the site's (`config/appsettings`: list, merge, put). */
export async function mergeSiteAppSettings(
  clients: ArmClients,
  host: HostRef,
  settings: Readonly<Record<string, string>>,
): Promise<void> {
  const context = {
    operation: `set app settings of App Service site "${host.name}"`,
    subscriptionId: clients.subscriptionId,
    resourceGroup: host.resourceGroup,
    resourceId: host.id,
  }
  await armCall(context, async () => {
    const current = await clients.appService.webApps.listApplicationSettings(host.resourceGroup, host.name)
    await clients.appService.webApps.updateApplicationSettings(host.resourceGroup, host.name, {
      properties: { ...(current.properties ?? {}), ...settings },
    })
  })
}

async function getSite(clients: ArmClients, host: HostRef, operation: string): Promise<Site> {
  return armCall(
    {
      operation,
      subscriptionId: clients.subscriptionId,
      resourceGroup: host.resourceGroup,
      resourceId: host.id,
      createWith: "ensureHost({ kind: 'app-service', … }) or az webapp create",
    },
    () => clients.appService.webApps.get(host.resourceGroup, host.name),
  )
}

/** The tier of a plan SKU name (`B1` → `Basic`, `P1v3` → `PremiumV3`), `undefined` to let ARM infer it. */
function skuTier(sku: string): string | undefined {
  const upper = sku.toUpperCase()
  if (/^P\dV3$/.test(upper)) return 'PremiumV3'
  if (/^P\dV2$/.test(upper)) return 'PremiumV2'
  const tiers: Record<string, string> = { F: 'Free', B: 'Basic', S: 'Standard' }
  return tiers[upper.charAt(0)]
}
