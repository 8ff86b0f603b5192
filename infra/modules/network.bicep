metadata description = 'Virtual network for Flex Consumption VNet integration: a delegated subnet with service endpoints so the app reaches storage and Key Vault through their firewalls.'

@description('Azure region for the network.')
param location string

@description('Virtual network name.')
param virtualNetworkName string

@description('Address space of the virtual network (CIDR).')
param addressPrefix string

@description('Address range of the Functions integration subnet (CIDR, at least /28; /24 leaves room to scale out).')
param functionsSubnetPrefix string

@description('Tags applied to every resource.')
param tags object

var functionsSubnetName = 'snet-functions'

resource nsg 'Microsoft.Network/networkSecurityGroups@2024-07-01' = {
  name: '${virtualNetworkName}-${functionsSubnetName}-nsg'
  location: location
  tags: tags
  properties: {
    securityRules: []
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-07-01' = {
  name: virtualNetworkName
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: functionsSubnetName
        properties: {
          addressPrefix: functionsSubnetPrefix
          networkSecurityGroup: {
            id: nsg.id
          }
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
          serviceEndpoints: [
            {
              service: 'Microsoft.Storage'
            }
            {
              service: 'Microsoft.KeyVault'
            }
          ]
          privateEndpointNetworkPolicies: 'Enabled'
        }
      }
    ]
  }
}

@description('Resource id of the Functions integration subnet.')
output functionsSubnetId string = resourceId(
  'Microsoft.Network/virtualNetworks/subnets',
  vnet.name,
  functionsSubnetName
)
