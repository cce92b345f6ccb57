// The host: an Ubuntu 24.04 LTS VM with the user-assigned identity attached and chosen by its OBJECT
// (principal) ID (AZURE_MANAGED_IDENTITY_OBJECT_ID). SSH keys only. At first boot cloud-init creates the
// service user, installs Node.js 22 and writes /etc/uami-sample.env (see deploy/); deploy/deploy.sh then
// installs the code and the systemd unit.
//
// A VM's custom data cannot change once the VM exists: an `azd provision` after editing deploy/cloud-init.yaml or
// deploy/install.sh fails with PropertyChangeNotAllowed (customData). Edits to install.sh reach an existing VM
// through deploy/deploy.sh, which re-runs it; the unit file is not in the custom data at all.

@description('Name of the VM (also its host name).')
param name string

@description('Azure region of the VM.')
param location string

@description('Tags for the VM.')
param tags object = {}

@description('VM size. Standard_B1s (1 vCPU, 1 GiB) is enough for the sample.')
param vmSize string = 'Standard_B1s'

@description('Admin user for SSH.')
param adminUsername string

@description('SSH public key of the admin user (ssh-ed25519 or ssh-rsa).')
param sshPublicKey string

@description('Resource ID of the network interface.')
param nicId string

@description('Resource ID of the user-assigned managed identity to attach.')
param identityResourceId string

@description('Object (principal) ID of that identity: the sample passes it as AZURE_MANAGED_IDENTITY_OBJECT_ID.')
param identityPrincipalId string

@description('App Configuration endpoint, e.g. https://appcs-abc123.azconfig.io.')
param appConfigEndpoint string

// /etc/uami-sample.env: the values that differ per deployment. Constant settings are in the unit file.
var envLines = [
  '# Written at first boot by cloud-init (infra/modules/vm.bicep). Read by systemd for uami-sample.service.'
  'AZURE_MANAGED_IDENTITY_OBJECT_ID=${identityPrincipalId}'
  'APP_CONFIG_ENDPOINT=${appConfigEndpoint}'
  // Named only in the fix of the "identity not attached" error; the sample never chooses its identity by it.
  'UAMI_IDENTITY_RESOURCE_ID=${identityResourceId}'
  ''
]
var envFile = join(envLines, '\n')

// deploy/cloud-init.yaml with its two placeholders replaced by base64 text.
var cloudInitTemplate = loadTextContent('../../deploy/cloud-init.yaml')
var cloudInitWithEnv = replace(cloudInitTemplate, '@@ENV_FILE_B64@@', base64(envFile))
var cloudInit = replace(cloudInitWithEnv, '@@INSTALL_B64@@', loadFileAsBase64('../../deploy/install.sh'))

resource vm 'Microsoft.Compute/virtualMachines@2025-04-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    // Only the user-assigned identity, no system-assigned one.
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityResourceId}': {}
    }
  }
  properties: {
    hardwareProfile: {
      vmSize: vmSize
    }
    osProfile: {
      computerName: name
      adminUsername: adminUsername
      customData: base64(cloudInit)
      linuxConfiguration: {
        disablePasswordAuthentication: true
        ssh: {
          publicKeys: [
            {
              path: '/home/${adminUsername}/.ssh/authorized_keys'
              keyData: sshPublicKey
            }
          ]
        }
      }
    }
    storageProfile: {
      imageReference: {
        publisher: 'Canonical'
        offer: 'ubuntu-24_04-lts'
        sku: 'server'
        version: 'latest'
      }
      osDisk: {
        createOption: 'FromImage'
        deleteOption: 'Delete'
        managedDisk: {
          storageAccountType: 'StandardSSD_LRS'
        }
      }
    }
    networkProfile: {
      networkInterfaces: [
        {
          id: nicId
          properties: {
            deleteOption: 'Delete'
          }
        }
      ]
    }
    diagnosticsProfile: {
      // Boot diagnostics with managed storage: the serial console and boot log help when first boot fails.
      bootDiagnostics: {
        enabled: true
      }
    }
  }
}

@description('Name of the VM.')
output name string = vm.name
