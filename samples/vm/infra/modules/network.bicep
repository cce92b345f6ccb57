// Network for the VM: a virtual network with one subnet, a network security group that opens SSH and the
// sample's port to the address ranges you choose only, a static public IP with a DNS name, and the VM's NIC.

@description('Name of the virtual network.')
param vnetName string

@description('Name of the network security group.')
param nsgName string

@description('Name of the public IP address.')
param publicIpName string

@description('Name of the network interface.')
param nicName string

@description('Azure region of the network resources.')
param location string

@description('Tags for the network resources.')
param tags object = {}

@description('DNS label of the public IP: the VM becomes <label>.<region>.cloudapp.azure.com.')
param dnsLabel string

@description('Address range allowed to reach SSH (22), e.g. 203.0.113.7/32.')
param sshSourceAddressPrefix string

@description('Address range allowed to reach the sample on appPort.')
param appSourceAddressPrefix string

@description('Port the sample listens on.')
param appPort int = 8080

resource nsg 'Microsoft.Network/networkSecurityGroups@2025-05-01' = {
  name: nsgName
  location: location
  tags: tags
  properties: {
    securityRules: [
      {
        name: 'allow-ssh'
        properties: {
          priority: 1000
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: sshSourceAddressPrefix
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '22'
        }
      }
      {
        name: 'allow-sample'
        properties: {
          priority: 1010
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: appSourceAddressPrefix
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: string(appPort)
        }
      }
    ]
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2025-05-01' = {
  name: vnetName
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.0.0.0/16'
      ]
    }
    subnets: [
      {
        name: 'default'
        properties: {
          addressPrefix: '10.0.0.0/24'
          networkSecurityGroup: {
            id: nsg.id
          }
        }
      }
    ]
  }
}

// Static Standard public IP: inbound SSH and HTTP, and the VM's outbound access (apt, nodejs.org, Azure).
resource publicIp 'Microsoft.Network/publicIPAddresses@2025-05-01' = {
  name: publicIpName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
  }
  properties: {
    publicIPAllocationMethod: 'Static'
    publicIPAddressVersion: 'IPv4'
    dnsSettings: {
      domainNameLabel: dnsLabel
    }
  }
}

resource nic 'Microsoft.Network/networkInterfaces@2025-05-01' = {
  name: nicName
  location: location
  tags: tags
  properties: {
    ipConfigurations: [
      {
        name: 'ipconfig1'
        properties: {
          subnet: {
            id: vnet.properties.subnets[0].id
          }
          privateIPAllocationMethod: 'Dynamic'
          publicIPAddress: {
            id: publicIp.id
          }
        }
      }
    ]
  }
}

@description('Resource ID of the VM\'s network interface.')
output nicId string = nic.id

@description('Public DNS name of the VM.')
output fqdn string = publicIp.properties.dnsSettings.fqdn
