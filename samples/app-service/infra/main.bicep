// uami sample: App Service (Linux, Node 22) reading Azure App Configuration with a user-assigned managed
// identity chosen by CLIENT ID (AZURE_CLIENT_ID). Deploy with `azd up` from samples/app-service.
//
// This Bicep was NOT compiled where it was written: that machine has no Bicep CLI and no network. It is kept
// small and conventional, every api-version was checked against the published Bicep type definitions
// (Azure/bicep-types-az), and it was reviewed line by line. Before your first deployment run
// `az bicep build --file infra/main.bicep` or `azd provision --preview` and report anything they flag.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment: part of every resource name and the azd-env-name tag.')
param environmentName string

@minLength(1)
@description('Azure region for every resource.')
param location string

@description('Object ID of the person deploying (azd sets AZURE_PRINCIPAL_ID). Gets App Configuration Data Owner on the store. Empty skips that role and the deployment then cannot seed settings unless you already hold a data role.')
param principalId string = ''

@description('Kind of principal principalId is: User from a terminal, ServicePrincipal from CI (azd env set AZURE_PRINCIPAL_TYPE ServicePrincipal).')
@allowed([
  'User'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('App Configuration SKU: standard, free (one per subscription) or developer where offered.')
param appConfigSku string = 'standard'

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}

// What the sample reads. Settings:Sentinel is the key the sample watches: change it after changing other
// settings and the sample reloads them all on its next refresh.
var settings = {
  'Settings:Message': 'Read from Azure App Configuration with a user-assigned managed identity, chosen by client ID.'
  'Settings:Greeting': 'Hello from Azure App Service'
  'Settings:Sentinel': '1'
}

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}${resourceToken}'
    location: location
    tags: tags
  }
}

module appConfig 'modules/app-config.bicep' = {
  name: 'app-config'
  scope: rg
  params: {
    name: '${abbrs.appConfigurationStores}${resourceToken}'
    location: location
    tags: tags
    sku: appConfigSku
    readerIdentityId: identity.outputs.resourceId
    readerPrincipalId: identity.outputs.principalId
    ownerPrincipalId: principalId
    ownerPrincipalType: principalType
    settings: settings
  }
}

module web 'modules/app-service.bicep' = {
  name: 'app-service'
  scope: rg
  params: {
    name: '${abbrs.webSitesAppService}${resourceToken}'
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    identityResourceId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    appConfigEndpoint: appConfig.outputs.endpoint
  }
}

// azd stores these in .azure/<environment>/.env (`azd env get-values`). The identity values are deliberately
// NOT named AZURE_CLIENT_ID & co., so that loading that file for a local run does not pin a managed identity.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output APP_CONFIG_ENDPOINT string = appConfig.outputs.endpoint
output APP_CONFIG_STORE_NAME string = appConfig.outputs.name
output MANAGED_IDENTITY_NAME string = identity.outputs.name
output MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output MANAGED_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output MANAGED_IDENTITY_RESOURCE_ID string = identity.outputs.resourceId
output WEB_APP_NAME string = web.outputs.name
output APP_URL string = web.outputs.url
