/**
 * The settings the tour seeds into App Configuration — the same keys the samples' deploy assets
 * (`samples/<id>/infra/main.bicep`) seed in Azure. The verify step reads `Settings:Message` through the sample.
 */
export const SEED_SETTINGS: Readonly<Record<string, string>> = {
  'Settings:Message': 'Read from Azure App Configuration with a user-assigned managed identity.',
  'Settings:Greeting': 'Hello from the uami tour',
}

/** The key the verify step reads through the sample's `/config/:key`. */
export const VERIFY_KEY = 'Settings:Message'

/** The sentinel key the samples watch (their `APP_CONFIG_SENTINEL_KEY` default). */
export const SENTINEL_KEY = 'Settings:Sentinel'
