metadata description = 'Key Vault (RBAC, soft delete, purge protection, firewall) with the storage customer-managed key, its rotation policy, role assignments and audit logging.'

@description('Azure region for the vault.')
param location string

@description('Globally unique vault name (3-24 characters).')
@minLength(3)
@maxLength(24)
param keyVaultName string

@description('Vault SKU. Standard holds software-protected RSA keys; premium adds HSM-protected keys.')
@allowed([
  'standard'
  'premium'
])
param skuName string

@description('Days a deleted vault or object stays recoverable (7-90).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Firewall default action. Deny keeps the data plane closed except for trusted Azure services, the allowed IP ranges and the Functions subnet.')
@allowed([
  'Allow'
  'Deny'
])
param networkDefaultAction string

@description('Public IP addresses or CIDR ranges allowed through the vault firewall (operators).')
param allowedIpRanges string[]

@description('Subnet resource id allowed through the firewall (Functions VNet integration), or null when the app is not VNet-integrated.')
param functionsSubnetId string?

@description('Name of the customer-managed key used for storage encryption.')
param storageKeyName string

@description('RSA key size of the customer-managed key in bits.')
@allowed([
  3072
  4096
])
param keySize int

@description('ISO 8601 duration after creation when the key is rotated automatically (for example P180D).')
param keyRotationAfterCreate string

@description('ISO 8601 validity of each key version (for example P1Y); rotation must happen before it.')
param keyExpiryTime string

@description('Name of the storage encryption identity (gets Key Vault Crypto Service Encryption User on the key only).')
param storageIdentityName string

@description('Name of the Function App identity (gets Key Vault Secrets User on the vault).')
param appIdentityName string

@description('Optional principal id (user or group) of the operator who sets secrets such as the audit HMAC key (gets Key Vault Secrets Officer). Null to assign nothing.')
param secretsOfficerPrincipalId string?

@description('Resource id of the Log Analytics workspace receiving the vault audit log.')
param logAnalyticsWorkspaceId string

@description('Tags applied to every resource.')
param tags object

var keyVaultCryptoServiceEncryptionUserRoleId = 'e147488a-f6f5-4113-8e2d-b22465e65bf6'
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var keyVaultSecretsOfficerRoleId = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource storageIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: storageIdentityName
}

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: appIdentityName
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: skuName
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: networkDefaultAction
      bypass: 'AzureServices'
      ipRules: [for range in allowedIpRanges: { value: range }]
      virtualNetworkRules: functionsSubnetId == null
        ? []
        : [{ id: functionsSubnetId!, ignoreMissingVnetServiceEndpoint: false }]
    }
  }
}

// Created once: ARM does not add versions or change an existing key on redeploy; Key Vault rotates it.
resource storageKey 'Microsoft.KeyVault/vaults/keys@2025-05-01' = {
  parent: vault
  name: storageKeyName
  tags: tags
  properties: {
    kty: 'RSA'
    keySize: keySize
    keyOps: [
      'wrapKey'
      'unwrapKey'
    ]
    attributes: {
      enabled: true
      exportable: false
    }
    rotationPolicy: {
      attributes: {
        expiryTime: keyExpiryTime
      }
      lifetimeActions: [
        {
          trigger: {
            timeAfterCreate: keyRotationAfterCreate
          }
          action: {
            type: 'rotate'
          }
        }
        {
          trigger: {
            timeBeforeExpiry: 'P30D'
          }
          action: {
            type: 'notify'
          }
        }
      ]
    }
  }
}

resource storageKeyEncryptionUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageKey.id, storageIdentity.id, keyVaultCryptoServiceEncryptionUserRoleId)
  scope: storageKey
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      keyVaultCryptoServiceEncryptionUserRoleId
    )
    principalId: storageIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'Storage account wraps and unwraps its data encryption keys with the customer-managed key.'
  }
}

resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appIdentity.id, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'Function App reads secrets (audit HMAC key).'
  }
}

resource operatorSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (secretsOfficerPrincipalId != null) {
  name: guid(vault.id, secretsOfficerPrincipalId ?? 'none', keyVaultSecretsOfficerRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficerRoleId)
    principalId: secretsOfficerPrincipalId!
    description: 'Operator sets application secrets.'
  }
}

resource vaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        category: 'AuditEvent'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

@description('Vault resource id.')
output keyVaultId string = vault.id

@description('Vault name.')
output keyVaultName string = vault.name

@description('Vault URI (KEY_VAULT_URI; also the CMK key vault URI).')
output keyVaultUri string = vault.properties.vaultUri

// A module's outputs are only available once the whole nested deployment (role assignments included) has finished,
// so the storage account that consumes them is created after its identity may use the key.
@description('Name of the customer-managed key.')
output storageKeyName string = storageKey.name
