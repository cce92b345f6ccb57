// Everything the Container Apps sample needs, in one idempotent call: resource group, App Configuration store,
// Data Owner for you (to seed settings), the user-assigned identity, the container app with the identity
// attached, App Configuration Data Reader for the identity, and the settings.
import { ClientSecretCredential, DefaultAzureCredential } from '@azure/identity'
import { createArmClients, provisionSample } from '@uami/provision'

const env = process.env
// Set UAMI_ARM_ENDPOINT (and the emulator's developer principal in AZURE_*) to run against the local emulator.
const local = env.UAMI_ARM_ENDPOINT
const credential = local
  ? new ClientSecretCredential(
      env.AZURE_TENANT_ID ?? '',
      env.AZURE_CLIENT_ID ?? '',
      env.AZURE_CLIENT_SECRET ?? '',
      {
        authorityHost: env.AZURE_AUTHORITY_HOST ?? '',
        disableInstanceDiscovery: true,
      },
    )
  : new DefaultAzureCredential()
const clients = createArmClients({
  credential,
  subscriptionId: env.AZURE_SUBSCRIPTION_ID ?? '',
  endpoint: local,
})

const sample = await provisionSample(clients, {
  kind: 'container-apps',
  names: { resourceGroup: 'rg-uami', store: 'appcs-uami-7f3a', identity: 'id-uami-ca', host: 'ca-uami' },
  location: 'swedencentral',
  prerequisites: local ? 'skip' : 'create',
  settings: { message: 'Hello from App Configuration' },
  onStep: (event) => {
    if (event.status !== 'start') console.log(`${event.step}: ${event.detail ?? event.status}`)
  },
})

// The variables the sample reads: AZURE_MANAGED_IDENTITY_RESOURCE_ID and APP_CONFIG_ENDPOINT.
console.log(JSON.stringify(sample.sampleEnvironment))
