// Azure Container Registry for the sample's image. The app pulls with its user-assigned identity (AcrPull),
// so the registry needs no admin user and the app holds no registry password.
// azd pushes the image with your own sign-in (Owner or Contributor on the registry can push).

@description('Name of the registry: 5-50 letters or digits; becomes <name>.azurecr.io.')
param name string

@description('Azure region of the registry.')
param location string

@description('Tags for the registry.')
param tags object = {}

@description('Resource ID of the managed identity that pulls images; part of the role assignment name.')
param pullIdentityId string

@description('Principal (object) ID of that identity; gets AcrPull on the registry.')
param pullIdentityPrincipalId string

var acrPullRoleId = '7f951dda-4ed3-4680-a7ca-43fe172d538d' // AcrPull (built-in)

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Basic'
  }
  properties: {
    adminUserEnabled: false
    publicNetworkAccess: 'Enabled'
  }
}

resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: registry
  name: guid(registry.id, pullIdentityId, acrPullRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPullRoleId)
    principalId: pullIdentityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

@description('Name of the registry.')
output name string = registry.name

@description('Login server, e.g. crabc123.azurecr.io.')
output loginServer string = registry.properties.loginServer
