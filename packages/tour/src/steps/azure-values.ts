import type { TourRun } from '../tour/run-context.js'

/**
 * The store's endpoint as Azure names it, `https://<store>.azconfig.io`: what every command shown for Azure carries.
 * On the local emulator the store answers on a loopback address instead ({@link localEndpointNote} says so).
 */
export function azureStoreEndpoint(run: TourRun): string {
  if (run.target.kind === 'azure' && run.store) return run.store.endpoint
  return `https://${run.store?.name ?? run.names.store}.azconfig.io`
}

/**
 * The labelled line that says where the local run differs from the command shown for Azure: the emulator's store
 * endpoint. Empty in Azure, and before the store exists.
 */
export function localEndpointNote(run: TourRun): string[] {
  if (run.target.kind !== 'local' || !run.store || run.store.endpoint === azureStoreEndpoint(run)) return []
  return [
    `locally: APP_CONFIG_ENDPOINT=${run.store.endpoint} (the emulator's store ${run.store.name}; the tour sets it for you)`,
  ]
}
