import { createClientLogger } from '@azure/logger'

/**
 * The package's logger, namespaced `azure:uami-credential` on `@azure/logger`. It logs which variables were found
 * and what was chosen, never the values of secrets. Turn it on with `AZURE_LOG_LEVEL=info` or `setLogLevel('info')`
 * from `@azure/logger`, and redirect it by assigning `AzureLogger.log`.
 *
 * @example
 * ```ts
 * import { setLogLevel } from '@azure/logger'
 * setLogLevel('info') // now createCredential() says which host and credential it chose
 * ```
 */
export const logger = createClientLogger('uami-credential')
