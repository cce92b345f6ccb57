// The host: a container app running the sample's image, with the user-assigned identity attached and chosen
// by its RESOURCE ID (AZURE_MANAGED_IDENTITY_RESOURCE_ID). The same identity pulls the image from the registry.
// Container Apps adds IDENTITY_ENDPOINT and IDENTITY_HEADER to the container's environment itself; never set or
// log them.

@description('Name of the container app.')
param name string

@description('Azure region of the app.')
param location string

@description('Tags for the app; it also gets azd-service-name so `azd deploy` finds it.')
param tags object = {}

@description('Name of the service in azure.yaml.')
param serviceName string = 'web'

@description('Resource ID of the Container Apps environment.')
param environmentId string

@description('Resource ID of the user-assigned managed identity to attach; also the value of AZURE_MANAGED_IDENTITY_RESOURCE_ID.')
param identityResourceId string

@description('Login server of the registry azd pushes the image to.')
param registryLoginServer string

@description('App Configuration endpoint, e.g. https://appcs-abc123.azconfig.io.')
param appConfigEndpoint string

@description('Whether the app exists already (azd: SERVICE_WEB_RESOURCE_EXISTS). Then its current image is kept.')
param exists bool = false

// The first `azd provision` runs before azd has built and pushed the sample's image, so the app starts with a
// public placeholder. It listens on 8080 and answers /healthz like the sample does. `azd deploy` then replaces
// only the image: ports, probes and environment stay as set here.
var placeholderImage = 'mcr.microsoft.com/dotnet/samples:aspnetapp'
var port = 8080

module current 'fetch-container-image.bicep' = if (exists) {
  name: '${name}-current-image'
  params: {
    name: name
  }
}

var image = exists ? current!.outputs.image : placeholderImage

// Ready = settings loaded (/readyz). The placeholder has no /readyz, so while it runs readiness uses /healthz;
// the next `azd provision` after your first `azd deploy` switches it to /readyz.
var readinessPath = image == placeholderImage ? '/healthz' : '/readyz'

resource app 'Microsoft.App/containerApps@2025-01-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityResourceId}': {}
    }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: port
        transport: 'auto'
        allowInsecure: false
      }
      registries: [
        {
          server: registryLoginServer
          identity: identityResourceId // pull with the managed identity (AcrPull), no password
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'app'
          image: image
          resources: {
            cpu: json('0.25')
            memory: '0.5Gi'
          }
          env: [
            {
              name: 'AZURE_MANAGED_IDENTITY_RESOURCE_ID'
              value: identityResourceId
            }
            {
              name: 'APP_CONFIG_ENDPOINT'
              value: appConfigEndpoint
            }
            {
              name: 'PORT'
              value: string(port)
            }
          ]
          probes: [
            {
              type: 'Startup'
              httpGet: {
                path: '/healthz'
                port: port
              }
              periodSeconds: 3
              failureThreshold: 10
            }
            {
              type: 'Liveness'
              httpGet: {
                path: '/healthz'
                port: port
              }
              periodSeconds: 10
              failureThreshold: 3
            }
            {
              type: 'Readiness'
              httpGet: {
                path: readinessPath
                port: port
              }
              periodSeconds: 5
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        // One replica that stays up keeps the settings refresh timer running and avoids cold starts.
        minReplicas: 1
        maxReplicas: 1
      }
    }
  }
}

@description('Name of the container app.')
output name string = app.name

@description('Public URL of the sample.')
output url string = 'https://${app.properties.configuration.ingress.fqdn}'
