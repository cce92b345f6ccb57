// uami sample: a Linux VM (Ubuntu 24.04 LTS, systemd) reading Azure App Configuration with a user-assigned
// managed identity chosen by OBJECT (principal) ID (AZURE_MANAGED_IDENTITY_OBJECT_ID). Deploy with `azd up` from
// samples/vm: azd provisions this, then its postprovision hook runs deploy/deploy.sh to copy the code over SSH.
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

@minLength(1)
@description('SSH public key for the admin user (azd env set SSH_PUBLIC_KEY "$(cat ~/.ssh/id_ed25519.pub)"). Password sign-in is disabled.')
param sshPublicKey string

@minLength(1)
@description('Address range allowed to reach SSH, e.g. your public IP as 203.0.113.7/32 (azd env set SSH_SOURCE_CIDR ...).')
param sshSourceAddressPrefix string

@description('Address range allowed to reach the sample on port 8080. Empty: the same as sshSourceAddressPrefix.')
param appSourceAddressPrefix string = ''

@description('Admin user name for SSH.')
param adminUsername string = 'azureuser'

@description('VM size.')
param vmSize string = 'Standard_B1s'

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var appPort = 8080

// What the sample reads. Settings:Sentinel is the key the sample watches: change it after changing other
// settings and the sample reloads them all on its next refresh.
var settings = {
  'Settings:Message': 'Read from Azure App Configuration with a user-assigned managed identity, chosen by object ID.'
  'Settings:Greeting': 'Hello from an Azure virtual machine'
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

module network 'modules/network.bicep' = {
  name: 'network'
  scope: rg
  params: {
    vnetName: '${abbrs.networkVirtualNetworks}${resourceToken}'
    nsgName: '${abbrs.networkNetworkSecurityGroups}${resourceToken}'
    publicIpName: '${abbrs.networkPublicIPAddresses}${resourceToken}'
    nicName: '${abbrs.networkNetworkInterfaces}${resourceToken}'
    location: location
    tags: tags
    dnsLabel: 'uami-vm-${resourceToken}'
    sshSourceAddressPrefix: sshSourceAddressPrefix
    appSourceAddressPrefix: empty(appSourceAddressPrefix) ? sshSourceAddressPrefix : appSourceAddressPrefix
    appPort: appPort
  }
}

module vm 'modules/vm.bicep' = {
  name: 'vm'
  scope: rg
  params: {
    name: '${abbrs.computeVirtualMachines}${resourceToken}'
    location: location
    tags: tags
    vmSize: vmSize
    adminUsername: adminUsername
    sshPublicKey: sshPublicKey
    nicId: network.outputs.nicId
    identityResourceId: identity.outputs.resourceId
    identityPrincipalId: identity.outputs.principalId
    appConfigEndpoint: appConfig.outputs.endpoint
  }
}

// azd stores these in .azure/<environment>/.env (`azd env get-values`); deploy/deploy.sh reads VM_HOST and
// VM_ADMIN_USERNAME. The identity values are deliberately NOT named like the sample's own variables, so that
// loading that file for a local run does not pin a managed identity.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output APP_CONFIG_ENDPOINT string = appConfig.outputs.endpoint
output APP_CONFIG_STORE_NAME string = appConfig.outputs.name
output MANAGED_IDENTITY_NAME string = identity.outputs.name
output MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output MANAGED_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output MANAGED_IDENTITY_RESOURCE_ID string = identity.outputs.resourceId
output VM_NAME string = vm.outputs.name
output VM_HOST string = network.outputs.fqdn
output VM_ADMIN_USERNAME string = adminUsername
output APP_URL string = 'http://${network.outputs.fqdn}:${appPort}'
