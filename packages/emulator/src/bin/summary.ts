import type { RunningEmulator } from '../emulator.js'
import { shellQuote as q } from './dotenv.js'

/** The one JSON line `start --json` prints: the contract outside tools parse (DESIGN.md, "Contract"). */
export function readyJson(emulator: RunningEmulator): string {
  return JSON.stringify({
    armEndpoint: emulator.armEndpoint,
    authorityHost: emulator.authorityHost,
    identityEndpoint: emulator.identityEndpoint,
    tenantId: emulator.tenantId,
    subscriptionId: emulator.subscriptionId,
    developer: {
      clientId: emulator.developer.clientId,
      clientSecret: emulator.developer.clientSecret,
      objectId: emulator.developer.objectId,
    },
    caCertPath: emulator.caCertPath,
    stateDir: emulator.stateDir,
  })
}

/**
 * The human summary `start` prints. It never shows the developer's client secret: that lives in
 * `developer.env` (mode 0600) in the state directory, which the printed commands source.
 */
export function readySummary(emulator: RunningEmulator, version: string, developerEnvPath: string): string {
  const arm = emulator.armEndpoint
  const row = (label: string, value: string) => `  ${label.padEnd(22)}${value}`
  return [
    `uami emulator ${version}: local Azure for managed identity`,
    '',
    row('ARM endpoint', arm),
    row('Authority host', `${emulator.authorityHost}   (with disableInstanceDiscovery: true)`),
    row(
      'Identity endpoints',
      `${emulator.identityEndpoint}   (admin API: ${emulator.identityEndpoint}/_admin)`,
    ),
    row('Tenant ID', emulator.tenantId),
    row('Subscription ID', emulator.subscriptionId),
    row('Developer client ID', emulator.developer.clientId),
    row('Developer secret', `AZURE_CLIENT_SECRET in ${developerEnvPath}`),
    row('Local CA', emulator.caCertPath),
    row('State', emulator.stateDir),
    '',
    'Trust the local CA in the Node.js processes you start:',
    `  export NODE_EXTRA_CA_CERTS=${q(emulator.caCertPath)}`,
    '',
    'Sign in as the developer (EnvironmentCredential / DefaultAzureCredential; pass disableInstanceDiscovery: true):',
    `  set -a; . ${q(developerEnvPath)}; set +a`,
    '',
    'Drive it with the Azure CLI (a custom cloud; the tenant must be adfs):',
    `  export AZURE_CONFIG_DIR=${q(`${emulator.stateDir}/az`)} REQUESTS_CA_BUNDLE=${q(emulator.caCertPath)}`,
    `  az cloud register --name UamiLocal --endpoint-resource-manager ${arm}/ \\`,
    `    --endpoint-active-directory ${arm} \\`,
    '    --endpoint-active-directory-resource-id https://management.azure.com/ \\',
    '    --endpoint-active-directory-graph-resource-id https://graph.windows.net/',
    '  az cloud set --name UamiLocal',
    `  az login --service-principal -u ${emulator.developer.clientId} -p "$AZURE_CLIENT_SECRET" --tenant adfs`,
    '',
    'Environment of an emulated host (a web app, container app or VM you created through ARM):',
    `  npx uami-emulator env <hostResourceId> --state ${q(emulator.stateDir)}`,
    '',
    'Press Ctrl+C to stop.',
    '',
  ].join('\n')
}

/** The developer's sign-in variables, written to `developer.env` (mode 0600) in the state directory. */
export function developerEnvironment(emulator: RunningEmulator): Record<string, string> {
  return {
    AZURE_AUTHORITY_HOST: emulator.authorityHost,
    AZURE_TENANT_ID: emulator.tenantId,
    AZURE_CLIENT_ID: emulator.developer.clientId,
    AZURE_CLIENT_SECRET: emulator.developer.clientSecret,
    // DefaultAzureCredential then uses only EnvironmentCredential: never managed identity, never IMDS.
    AZURE_TOKEN_CREDENTIALS: 'EnvironmentCredential',
    NODE_EXTRA_CA_CERTS: emulator.caCertPath,
  }
}
