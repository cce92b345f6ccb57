// The user-assigned managed identity the sample's host runs as.
// Shared module: byte-identical in samples/app-service, samples/container-apps and samples/vm, because each
// sample deploys on its own with `azd up` from its folder. Change all three copies together.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region of the identity.')
param location string

@description('Tags for the identity.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Name of the identity.')
output name string = identity.name

@description('Resource ID: what the Container Apps sample passes as AZURE_MANAGED_IDENTITY_RESOURCE_ID.')
output resourceId string = identity.id

@description('Client (application) ID: what the App Service sample passes as AZURE_CLIENT_ID.')
output clientId string = identity.properties.clientId

@description('Object (principal) ID: what the VM sample passes as AZURE_MANAGED_IDENTITY_OBJECT_ID; role assignments name it.')
output principalId string = identity.properties.principalId
