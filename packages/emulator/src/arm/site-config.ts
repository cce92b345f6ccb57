import type { HostRecord } from '../state/model.js'
import { appSettingsOfBody } from './app-settings.js'
import { authorize } from './auth.js'
import type { ArmCall, ArmReply } from './call.js'
import { methodNotAllowed } from './errors.js'
import { sites } from './hosts.js'
import { requireTracked, targetOf } from './tracked.js'

const SITES = 'Microsoft.Web/sites'

function render(site: HostRecord): unknown {
  return {
    id: `${site.id}/config/appsettings`,
    name: 'appsettings',
    type: 'Microsoft.Web/sites/config',
    location: site.location,
    properties: { ...site.appSettings },
  }
}

/**
 * A site's app settings, as `@azure/arm-appservice` reads and writes them:
 * - `PUT .../sites/{name}/config/appsettings` (`webApps.updateApplicationSettings`): replaces them with the body's
 *   `properties` (name → string value); needs `Microsoft.Web/sites/config/write`;
 * - `POST .../sites/{name}/config/appsettings/list` (`webApps.listApplicationSettings`): reads them; needs
 *   `Microsoft.Web/sites/config/list/action` (Reader does not have it, as in Azure: values can be secrets).
 *
 * Both answer a `StringDictionary` (`{ id, name: 'appsettings', type: 'Microsoft.Web/sites/config', properties }`).
 */
export async function handleAppSettings(
  call: ArmCall,
  path: string,
  resourceGroup: string,
  siteName: string,
  list: boolean,
): Promise<ArmReply> {
  const target = targetOf(call.subscriptionId, resourceGroup, SITES, siteName)
  const wanted = list ? 'POST' : 'PUT'
  if (call.method !== wanted) {
    throw methodNotAllowed(call.method, path, [wanted])
  }
  if (list) {
    authorize(call.ctx, call.caller, { action: `${SITES}/config/list/action`, scope: target.requestedId })
    return { status: 200, body: render(requireTracked(call.ctx.state.data, sites, target) as HostRecord) }
  }
  authorize(call.ctx, call.caller, { action: `${SITES}/config/write`, scope: target.requestedId })
  const settings = appSettingsOfBody(call.body())
  return call.ctx.state.update((draft) => {
    const site = requireTracked(draft, sites, target) as HostRecord
    site.appSettings = settings
    return { status: 200, body: render(site) }
  })
}
