/**
 * The token scope for an App Configuration endpoint, by the rule `@azure/app-configuration` itself uses: the
 * Azure Government and Azure China audiences for their endpoints, `https://appconfig.azure.com` otherwise (the
 * local emulator accepts it too).
 *
 * @param endpoint - The store's endpoint.
 * @returns The scope, e.g. `https://appconfig.azure.com/.default`.
 * @example
 * ```ts
 * appConfigurationScope('https://mystore.azconfig.io') // 'https://appconfig.azure.com/.default'
 * ```
 */
export function appConfigurationScope(endpoint: string): string {
  const host = new URL(endpoint).hostname
  if (host.endsWith('azconfig.azure.us') || host.endsWith('appconfig.azure.us'))
    return 'https://appconfig.azure.us/.default'
  if (host.endsWith('azconfig.azure.cn') || host.endsWith('appconfig.azure.cn'))
    return 'https://appconfig.azure.cn/.default'
  return 'https://appconfig.azure.com/.default'
}
