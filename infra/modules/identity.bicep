metadata description = 'User-assigned managed identities: one for the Function App, one for storage encryption with the customer-managed key.'

@description('Azure region for the identities.')
param location string

@description('Name of the identity the Function App runs as (host storage, Key Vault secrets, Application Insights).')
param appIdentityName string

@description('Name of the identity the storage account uses to reach its customer-managed key (wrap and unwrap only).')
param storageIdentityName string

@description('Tags applied to every resource.')
param tags object

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: appIdentityName
  location: location
  tags: tags
}

resource storageIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: storageIdentityName
  location: location
  tags: tags
}

@description('Resource id of the Function App identity.')
output appIdentityId string = appIdentity.id

@description('Client id of the Function App identity (AzureWebJobsStorage__clientId, AZURE_CLIENT_ID).')
output appIdentityClientId string = appIdentity.properties.clientId

@description('Principal (object) id of the Function App identity, for role assignments.')
output appIdentityPrincipalId string = appIdentity.properties.principalId

@description('Resource id of the storage encryption identity.')
output storageIdentityId string = storageIdentity.id

@description('Principal (object) id of the storage encryption identity, for the key role assignment.')
output storageIdentityPrincipalId string = storageIdentity.properties.principalId
