// Container Apps environment (Consumption workload profile) with its logs sent to a Log Analytics workspace.
// The shared key below is the platform's log-shipping credential, not something the app uses.

@description('Name of the Container Apps environment.')
param name string

@description('Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Azure region of both.')
param location string

@description('Tags for both.')
param tags object = {}

resource logs 'Microsoft.OperationalInsights/workspaces@2025-07-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource managedEnvironment 'Microsoft.App/managedEnvironments@2025-01-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
  }
}

@description('Resource ID of the environment.')
output id string = managedEnvironment.id

@description('Name of the environment.')
output name string = managedEnvironment.name
