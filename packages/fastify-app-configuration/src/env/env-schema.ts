/** Log levels pino accepts, plus `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number]

/** Defaults of the optional variables. */
export const ENV_DEFAULTS = {
  PORT: 8080,
  APP_CONFIG_REFRESH_SECONDS: 30,
  APP_CONFIG_SENTINEL_KEY: 'Settings:Sentinel',
  LOG_LEVEL: 'info',
} as const

/** Longest App Configuration key the samples accept (in the sentinel variable and in `/config/:key`). */
export const MAX_KEY_LENGTH = 512

/**
 * The JSON schema (for env-schema) of the variables every sample reads besides its identifier. The identifier is
 * validated by `@uami/credential`, `APP_CONFIG_ENDPOINT` further by {@link checkEndpoint}.
 */
export const sampleEnvSchema = {
  type: 'object',
  required: ['APP_CONFIG_ENDPOINT'],
  properties: {
    APP_CONFIG_ENDPOINT: { type: 'string', minLength: 1 },
    PORT: { type: 'integer', minimum: 0, maximum: 65_535, default: ENV_DEFAULTS.PORT },
    HOST: { type: 'string', minLength: 1, maxLength: 255 },
    APP_CONFIG_REFRESH_SECONDS: {
      type: 'integer',
      minimum: 1,
      maximum: 86_400,
      default: ENV_DEFAULTS.APP_CONFIG_REFRESH_SECONDS,
    },
    APP_CONFIG_SENTINEL_KEY: {
      type: 'string',
      minLength: 1,
      maxLength: MAX_KEY_LENGTH,
      default: ENV_DEFAULTS.APP_CONFIG_SENTINEL_KEY,
    },
    LOG_LEVEL: { type: 'string', enum: [...LOG_LEVELS], default: ENV_DEFAULTS.LOG_LEVEL },
  },
} as const

/** The validated values, as env-schema returns them. */
export interface ValidatedVariables {
  readonly APP_CONFIG_ENDPOINT: string
  readonly PORT: number
  readonly HOST?: string
  readonly APP_CONFIG_REFRESH_SECONDS: number
  readonly APP_CONFIG_SENTINEL_KEY: string
  readonly LOG_LEVEL: LogLevel
}

/** What each variable is for and how to set it: used in messages. */
export const VARIABLE_HELP: Readonly<Record<string, { expected: string; fix: string }>> = {
  APP_CONFIG_ENDPOINT: {
    expected: 'the https endpoint of the App Configuration store, e.g. https://<store>.azconfig.io',
    fix: 'Set APP_CONFIG_ENDPOINT to the output of: az appconfig show --name <store-name> --query endpoint --output tsv',
  },
  PORT: {
    expected: 'an integer from 0 to 65535 (0 picks a free port)',
    fix: 'Set PORT to a free port such as 8080, or unset it for 8080.',
  },
  HOST: {
    expected: 'an address to listen on, such as 0.0.0.0 or 127.0.0.1',
    fix: 'Set HOST to 127.0.0.1 (this machine only) or 0.0.0.0 (every interface), or unset it.',
  },
  APP_CONFIG_REFRESH_SECONDS: {
    expected: 'an integer number of seconds from 1 to 86400',
    fix: 'Set APP_CONFIG_REFRESH_SECONDS to, for example, 30, or unset it for 30.',
  },
  APP_CONFIG_SENTINEL_KEY: {
    expected: `an App Configuration key of 1 to ${MAX_KEY_LENGTH} characters`,
    fix: `Set APP_CONFIG_SENTINEL_KEY to the key you change last (e.g. ${ENV_DEFAULTS.APP_CONFIG_SENTINEL_KEY}), or unset it.`,
  },
  LOG_LEVEL: {
    expected: `one of ${LOG_LEVELS.join(', ')}`,
    fix: 'Set LOG_LEVEL to info (or another level), or unset it.',
  },
}
