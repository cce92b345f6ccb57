// The host: a Linux App Service plan and a Node 22 web app running the sample's single-file bundle, with the
// user-assigned identity attached and chosen by its CLIENT ID (AZURE_CLIENT_ID).
// App Service adds IDENTITY_ENDPOINT and IDENTITY_HEADER to the app's environment itself; never set or log them.

@description('Name of the web app; becomes https://<name>.azurewebsites.net, so it must be globally unique.')
param name string

@description('Name of the App Service plan.')
param planName string

@description('Azure region of the plan and the app.')
param location string

@description('Tags for both; the app also gets azd-service-name so `azd deploy` finds it.')
param tags object = {}

@description('Name of the service in azure.yaml.')
param serviceName string = 'web'

@description('Resource ID of the user-assigned managed identity to attach.')
param identityResourceId string

@description('Client ID of that identity: the sample passes it as AZURE_CLIENT_ID to choose it.')
param identityClientId string

@description('App Configuration endpoint, e.g. https://appcs-abc123.azconfig.io.')
param appConfigEndpoint string

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: 'B1'
  }
  properties: {
    reserved: true // Linux
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityResourceId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      // azd deploys dist/bundle, so wwwroot holds server.mjs and nothing else.
      appCommandLine: 'node server.mjs'
      alwaysOn: true // keeps the settings refresh timer running between requests
      healthCheckPath: '/healthz'
      http20Enabled: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      appSettings: [
        {
          name: 'AZURE_CLIENT_ID'
          value: identityClientId
        }
        {
          name: 'APP_CONFIG_ENDPOINT'
          value: appConfigEndpoint
        }
        {
          // Named only in the fix of the "identity not attached" error (never to choose the identity): the app
          // cannot look its identity's resource ID up without a token.
          name: 'UAMI_IDENTITY_RESOURCE_ID'
          value: identityResourceId
        }
        {
          name: 'NODE_ENV'
          value: 'production'
        }
        {
          // The bundle needs no npm install on the server.
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'false'
        }
      ]
    }
  }
}

// No FTP or basic-auth deployments: azd deploys with your Microsoft Entra token.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('Name of the web app.')
output name string = site.name

@description('Public URL of the sample.')
output url string = 'https://${site.properties.defaultHostName}'
