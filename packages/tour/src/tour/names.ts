import type { SampleId } from './samples.js'

/** The names the tour gives everything, from the run's random suffix (kept in the progress file). */
export interface TourNames {
  resourceGroup: string
  /** Globally unique in Azure. */
  store: string
  identity(sample: SampleId): string
  host(sample: SampleId): string
}

/**
 * Names for a run. The store and the web app need globally unique names in Azure, so they carry the suffix; in
 * Azure the resource group does too, so `--cleanup` can remove exactly the group the tour created.
 *
 * @example
 * ```ts
 * const names = tourNames('local', '7f3a9c')
 * names.identity('vm') // 'id-uami-vm'
 * ```
 */
export function tourNames(target: 'local' | 'azure', suffix: string): TourNames {
  return {
    resourceGroup: target === 'local' ? 'rg-uami' : `rg-uami-${suffix}`,
    store: `appcs-uami-${suffix}`,
    identity: (sample) => `id-uami-${sample}`,
    host: (sample) =>
      sample === 'app-service' ? `app-uami-${suffix}` : sample === 'container-apps' ? 'ca-uami' : 'vm-uami',
  }
}
