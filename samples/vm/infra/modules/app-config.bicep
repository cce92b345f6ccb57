// App Configuration store that only accepts Microsoft Entra ID (no access keys), the roles that make it usable,
// and the settings the sample reads.
// Shared module: byte-identical in samples/app-service, samples/container-apps and samples/vm, because each
// sample deploys on its own with `azd up` from its folder. Change all three copies together.
//
// Seeding with access keys disabled: ARM writes keyValues through the store's data-plane proxy. In the default
// 'Local' mode that proxy uses access keys and is refused when disableLocalAuth is true; in 'Pass-through' mode
// it calls the data plane as the person deploying, who therefore needs App Configuration Data Owner
// (learn.microsoft.com/azure/azure-app-configuration/quickstart-deployment-overview). That role is assigned
// below and the keyValues wait for it; a role can still take a few minutes to reach the data plane, so a first
// `azd provision` can fail on the keyValues with 403 Forbidden. Wait a minute and run it again: it is idempotent.

@description('Name of the store: 5-50 letters, digits, hyphens or underscores; becomes https://<name>.azconfig.io.')
@minLength(5)
@maxLength(50)
param name string

@description('Azure region of the store.')
param location string

@description('Tags for the store.')
param tags object = {}

@description('SKU: standard (default), free (one free store per subscription), or developer where it is offered.')
param sku string = 'standard'

@description('Resource ID of the managed identity that reads settings; part of the role assignment name.')
param readerIdentityId string

@description('Principal (object) ID of that identity; gets App Configuration Data Reader on the store.')
param readerPrincipalId string

@description('Object ID of whoever deploys (azd: AZURE_PRINCIPAL_ID); gets App Configuration Data Owner so the deployment can seed settings and they can change them. Empty skips that role.')
param ownerPrincipalId string = ''

@description('Kind of principal ownerPrincipalId is: User from a terminal, ServicePrincipal from CI.')
@allowed([
  'User'
  'ServicePrincipal'
])
param ownerPrincipalType string = 'User'

@description('Key-values to seed, as { key: value } (no label). Include the sentinel key the sample watches.')
param settings object = {}

// Built-in role definition IDs (learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var dataReaderRoleId = '516239f1-63e1-4d78-a4de-a74fb236a071' // App Configuration Data Reader
var dataOwnerRoleId = '5ae67dd6-50cb-40e7-96ff-dc2bfa4b606b' // App Configuration Data Owner

resource store 'Microsoft.AppConfiguration/configurationStores@2024-06-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: sku
  }
  properties: {
    // Entra ID only: this is what the sample teaches. Control-plane roles such as Contributor give no data access.
    disableLocalAuth: true
    dataPlaneProxy: {
      authenticationMode: 'Pass-through'
      privateLinkDelegation: 'Disabled'
    }
    publicNetworkAccess: 'Enabled'
  }
}

// The identity the host runs as may read key-values, and nothing more.
resource readerAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: store
  name: guid(store.id, readerIdentityId, dataReaderRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', dataReaderRoleId)
    principalId: readerPrincipalId
    // Stated explicitly so ARM does not look the new identity up in Microsoft Graph (it may not be there yet).
    principalType: 'ServicePrincipal'
  }
}

// The person deploying may write key-values: needed for the seeding below and to change settings later.
resource ownerAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(ownerPrincipalId)) {
  scope: store
  name: guid(store.id, ownerPrincipalId, dataOwnerRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', dataOwnerRoleId)
    principalId: ownerPrincipalId
    principalType: ownerPrincipalType
  }
}

resource keyValues 'Microsoft.AppConfiguration/configurationStores/keyValues@2024-06-01' = [
  for setting in items(settings): {
    parent: store
    // The resource name is the key ('key$label' would add a label). A '/' in a key would have to be written '~2F'.
    name: setting.key
    properties: {
      value: setting.value
      contentType: 'text/plain'
    }
    dependsOn: [
      ownerAssignment
    ]
  }
]

@description('Name of the store.')
output name string = store.name

@description('Endpoint the sample reads as APP_CONFIG_ENDPOINT, e.g. https://appcs-abc123.azconfig.io.')
output endpoint string = store.properties.endpoint
