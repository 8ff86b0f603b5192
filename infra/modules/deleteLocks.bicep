metadata description = 'CanNotDelete locks on the resources that hold audit evidence: the storage account (data, access-logged blobs, the application audit trail), the Key Vault (customer-managed key and its audit) and the Log Analytics workspace (every log).'

@description('Name of the existing storage account.')
param storageAccountName string

@description('Name of the existing Key Vault.')
param keyVaultName string

@description('Name of the existing Log Analytics workspace.')
param logAnalyticsName string

// A CanNotDelete lock stops deleting the resource (and a resource group delete), not reading or writing its data.
var lockProperties = {
  level: 'CanNotDelete'
  notes: 'Holds audit evidence. Lift only for a planned teardown (docs/deployment.md, "Removing an environment").'
}

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-07-01' existing = {
  name: logAnalyticsName
}

resource storageLock 'Microsoft.Authorization/locks@2020-05-01' = {
  name: 'do-not-delete-audit-evidence'
  scope: account
  properties: lockProperties
}

resource vaultLock 'Microsoft.Authorization/locks@2020-05-01' = {
  name: 'do-not-delete-audit-evidence'
  scope: vault
  properties: lockProperties
}

resource workspaceLock 'Microsoft.Authorization/locks@2020-05-01' = {
  name: 'do-not-delete-audit-evidence'
  scope: workspace
  properties: lockProperties
}
