// Reads the image the container app runs now, so that `azd provision` after `azd deploy` keeps it instead of
// putting the placeholder back. Only deployed when the app already exists.

@description('Name of the existing container app.')
param name string

resource app 'Microsoft.App/containerApps@2025-01-01' existing = {
  name: name
}

@description('Image of the app\'s first container.')
output image string = app.properties.template.containers[0].image
