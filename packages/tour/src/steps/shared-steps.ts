import {
  APP_CONFIGURATION_STORE_TYPE,
  azCommands,
  ensureAppConfigurationStore,
  ensureResourceGroup,
  ensureRoleAssignment,
  getSignedInPrincipal,
  providerResourceId,
  readSettings,
  seedSettings,
} from '@uami/provision'
import { explanation } from '../content.js'
import type { Step, StepIo } from '../engine/step.js'
import { requireStore, type TourRun } from '../tour/run-context.js'
import { SEED_SETTINGS, SENTINEL_KEY } from '../tour/settings.js'
import { azureStoreEndpoint, localEndpointNote } from './azure-values.js'

/** How long the tour waits for a new role assignment or identity to propagate before it gives up. */
const PROPAGATION_TIMEOUT_MS = 10 * 60_000

/** Step 1: sign in as the developer and prove ARM answers. */
export const signInStep: Step<TourRun> = {
  id: 'sign-in',
  title: 'Sign in',
  explanation: explanation('sign-in'),
  az: (run) => azCommands.signIn(run.target.subscriptionId),
  async run(run) {
    run.developer = await getSignedInPrincipal(run.target.credential)
    return `signed in as ${run.developer.objectId} (${run.developer.principalType}) — ${run.target.credentialNote}`
  },
  async verify(run) {
    let groups = 0
    for await (const _ of run.target.clients.resources.resourceGroups.list()) groups++
    return {
      ok: run.developer !== undefined,
      summary: `ARM answers for subscription ${run.target.subscriptionId} (${groups} resource group${groups === 1 ? '' : 's'})`,
      details: [`oid ${run.developer?.objectId ?? '?'}`, `tenant ${run.developer?.tenantId ?? '?'}`],
    }
  },
}

/** Step 2: resource group, App Configuration store, Data Owner for you, and the settings. */
export const appConfigurationStep: Step<TourRun> = {
  id: 'app-configuration',
  title: 'Create the resource group and App Configuration store, and seed settings',
  explanation: explanation('app-configuration'),
  az(run) {
    const rg = run.names.resourceGroup
    const storeId =
      run.store?.id ??
      providerResourceId(run.target.subscriptionId, rg, APP_CONFIGURATION_STORE_TYPE, run.names.store)
    const endpoint = azureStoreEndpoint(run)
    return [
      azCommands.groupCreate({ resourceGroup: rg, location: run.location }),
      azCommands.appConfigCreate({ resourceGroup: rg, name: run.names.store, location: run.location }),
      azCommands.roleAssignmentCreate({
        principalId: run.developer?.objectId ?? '<your-object-id>',
        principalType: run.developer?.principalType ?? 'User',
        role: 'App Configuration Data Owner',
        scope: storeId,
      }),
      ...Object.entries(SEED_SETTINGS).map(([key, value]) => azCommands.kvSet({ endpoint, key, value })),
    ]
  },
  local: (run) => localEndpointNote(run),
  async run(run, io) {
    const { clients } = run.target
    const group = await ensureResourceGroup(clients, {
      name: run.names.resourceGroup,
      location: run.location,
    })
    if (group.created) await run.recordCreated('resource-group', group.id)
    run.resourceGroup = group
    io.progress('Creating the App Configuration store')
    const store = await ensureAppConfigurationStore(clients, {
      resourceGroup: group.name,
      name: run.names.store,
    })
    if (store.created) await run.recordCreated('app-configuration', store.id)
    run.store = store
    const developer = run.developer ?? (await getSignedInPrincipal(run.target.credential))
    run.developer = developer
    io.progress('Assigning App Configuration Data Owner to you')
    const owner = await ensureRoleAssignment(clients, {
      scope: store.id,
      principalId: developer.objectId,
      principalType: developer.principalType,
      role: 'App Configuration Data Owner',
      principalRetry: waitOptions(io),
    })
    if (owner.created) await run.recordCreated('role-assignment', owner.id)
    io.progress('Seeding settings')
    const seeded = await seedSettings(
      { endpoint: store.endpoint, credential: run.target.credential },
      SEED_SETTINGS,
      {
        sentinelKey: SENTINEL_KEY,
        forbiddenRetry: waitOptions(io),
      },
    )
    return `${group.created ? 'created' : 'reused'} ${group.name}, ${store.created ? 'created' : 'reused'} store ${store.name} (${store.endpoint}); settings: ${seeded.changed.length} written, ${seeded.unchanged.length} unchanged`
  },
  async verify(run) {
    const store = requireStore(run)
    const values = await readSettings({ endpoint: store.endpoint, credential: run.target.credential })
    const missing = Object.entries(SEED_SETTINGS).filter(([key, value]) => values[key] !== value)
    return {
      ok: missing.length === 0,
      summary:
        missing.length === 0
          ? `read ${Object.keys(values).length} settings back from ${store.endpoint} as you`
          : `settings missing or different: ${missing.map(([key]) => key).join(', ')}`,
      details: Object.entries(values).map(([key, value]) => `${key} = ${JSON.stringify(value)}`),
    }
  },
}

/** Retry options that report waits on the spinner (which shows the elapsed time) and stop on Ctrl-C. */
export function waitOptions(io: StepIo) {
  return {
    timeoutMs: PROPAGATION_TIMEOUT_MS,
    signal: io.signal,
    // The spinner shows the elapsed time.
    onWait: (info: { reason: string }) => io.progress(`Waiting for ${info.reason}`),
  }
}
