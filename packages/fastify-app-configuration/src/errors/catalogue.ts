import type { ErrorCatalogueEntry } from '@uami/credential'

/**
 * Every `UAMI_SAMPLE_…` code this package produces, with its meaning and how to fix it, in a stable order: the
 * errors thrown at startup and while loading settings ({@link SampleKitError}s) and the `code` of the HTTP error
 * answers (`name` is then `ErrorReply`, the JSON body). Apps also report every `UAMI_CRED_…` code of
 * `@uami/credential`. The docs' troubleshooting page renders this list; a test checks it against the codes in the
 * package's source and README.
 *
 * @example
 * ```ts
 * for (const { code, meaning } of errorCatalogue) console.log(`${code}: ${meaning}`)
 * ```
 */
export const errorCatalogue = [
  {
    code: 'UAMI_SAMPLE_ENV_MISSING',
    name: 'MissingEnvError',
    meaning:
      'A required variable (the identifier, `APP_CONFIG_ENDPOINT`) is unset or empty. The sample stops at startup with exit code 1 instead of running with a broken configuration.',
    fix: 'Set the variable named in the message; the message gives the `az` command that prints its value.',
  },
  {
    code: 'UAMI_SAMPLE_ENV_INVALID',
    name: 'InvalidEnvError',
    meaning:
      'A variable has a value the sample cannot use: an endpoint that is not `https://` or has a path, a `PORT` out of range, an unknown `LOG_LEVEL`, … The message names it, what was expected and what was received. The sample exits with code 1.',
    fix: 'Correct the value, or unset an optional variable to get its default.',
  },
  {
    code: 'UAMI_SAMPLE_TWO_IDENTIFIER_KINDS',
    name: 'TwoIdentifierKindsError',
    meaning:
      "The variable of another identifier kind is set next to the sample's own (e.g. `AZURE_CLIENT_ID` next to `AZURE_MANAGED_IDENTITY_RESOURCE_ID`). `AZURE_CLIENT_ID` together with `AZURE_CLIENT_SECRET`, `AZURE_CLIENT_CERTIFICATE_PATH` or `AZURE_FEDERATED_TOKEN_FILE` is a service principal's and is allowed. The sample exits with code 1.",
    fix: 'Unset the other variable, so that the identity is chosen by exactly one identifier.',
  },
  {
    code: 'UAMI_SAMPLE_APP_CONFIG_UNAVAILABLE',
    name: 'AppConfigurationUnavailableError',
    meaning:
      'App Configuration answered 408, 429 or 5xx: a service or throttling problem, not an identity or role one. The sample keeps serving the last settings it loaded.',
    fix: "Nothing to change in the sample: it tries again on its own. If it lasts, check the store's Resource health in the Azure portal.",
  },
  {
    code: 'UAMI_SAMPLE_SETTINGS_LOAD_FAILED',
    name: 'SettingsLoadError',
    meaning:
      "Loading or refreshing the settings failed for a reason that is neither identity, role, network nor service status (for example a value the provider cannot parse); the message carries the provider's own message.",
    fix: 'Check the settings in the store (`az appconfig kv list --endpoint <endpoint> --auth-mode login`) and the sample log; the sample tries again on its own.',
  },
  {
    code: 'UAMI_SAMPLE_NOT_READY',
    name: 'ErrorReply',
    meaning:
      '(HTTP 503) `/config/:key` or `/identity` was called before the settings were loaded or a token was obtained. The body carries the start error and its fix.',
    fix: 'Follow the fix in the body; `/readyz` turns 200 by itself once the settings are loaded.',
  },
  {
    code: 'UAMI_SAMPLE_KEY_NOT_FOUND',
    name: 'ErrorReply',
    meaning:
      '(HTTP 404) `/config/:key` for a key that is not loaded (keys are case-sensitive; settings with a label are not loaded).',
    fix: 'Add the key (`az appconfig kv set --endpoint <endpoint> --auth-mode login --key <key> --value <value>`), then change the sentinel key.',
  },
  {
    code: 'UAMI_SAMPLE_BAD_REQUEST',
    name: 'ErrorReply',
    meaning:
      "(HTTP 400) The request does not match the route's schema, e.g. a key with `*`, `,`, `\\`, `%` or a control character, or longer than 512 characters.",
    fix: 'Correct the request; `/` lists the routes.',
  },
  {
    code: 'UAMI_SAMPLE_ROUTE_NOT_FOUND',
    name: 'ErrorReply',
    meaning: '(HTTP 404) The sample has no such route.',
    fix: 'Use `/`, `/config/:key`, `/identity`, `/healthz` or `/readyz`.',
  },
  {
    code: 'UAMI_SAMPLE_INTERNAL',
    name: 'ErrorReply',
    meaning: '(HTTP 500) A bug in the sample; the client gets no details, the log has them.',
    fix: 'Read the log line `request failed` of that request.',
  },
] as const satisfies readonly ErrorCatalogueEntry[]
