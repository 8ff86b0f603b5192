metadata description = 'Storage account for WESAD data, model artifacts and the Functions host (Blob, Queue, Table): private containers, no shared key, TLS 1.2, firewall, customer-managed key, soft delete, lifecycle rules, access logs and data-plane role assignments.'

@description('Azure region for the storage account.')
param location string

@description('Globally unique storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param storageAccountName string

@description('Replication SKU.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
  'Standard_RAGRS'
  'Standard_RAGZRS'
])
param skuName string

@description('Firewall default action. Deny (the default) admits only trusted Azure services, the allowed IP ranges and the Functions subnet; Allow opens the public endpoint for a first deploy.')
@allowed([
  'Allow'
  'Deny'
])
param networkDefaultAction string

@description('Public IP addresses or CIDR ranges allowed through the storage firewall (uploaders, operators).')
param allowedIpRanges string[]

@description('Subnet resource id allowed through the firewall (Functions VNet integration), or null when the app is not VNet-integrated.')
param functionsSubnetId string?

@description('Name of the user-assigned identity the account uses to reach its customer-managed key.')
param encryptionIdentityName string

@description('URI of the Key Vault holding the customer-managed key.')
param keyVaultUri string

@description('Name of the customer-managed key. No version is pinned, so the account follows key rotation automatically.')
param encryptionKeyName string

@description('Days soft-deleted blobs stay recoverable (1-365).')
@minValue(1)
@maxValue(365)
param blobSoftDeleteRetentionDays int

@description('Days soft-deleted containers stay recoverable (1-365).')
@minValue(1)
@maxValue(365)
param containerSoftDeleteRetentionDays int

@description('Keep previous versions of overwritten or deleted blobs (lifecycle rules delete them with their data).')
param blobVersioningEnabled bool

@description('Days after creation when raw uploads and processed windows are deleted: current blobs, previous versions and snapshots.')
@minValue(1)
param dataRetentionDays int

@description('Days after creation when previous versions and snapshots of model artifacts are deleted.')
@minValue(1)
param modelVersionRetentionDays int

@description('Days after creation when current model artifacts are deleted, or null to keep current artifacts (the registry references them).')
@minValue(1)
param modelRetentionDays int?

@description('Name of the private container holding the Flex Consumption deployment package.')
param deploymentContainerName string

@description('Name of the private container where Event Grid dead-letters undeliverable blob events; its blobs are deleted with the raw data (dataRetentionDays).')
param deadLetterContainerName string

@description('Name of the Function App identity (Blob Data Owner, Queue and Table Data Contributor on this account).')
param appIdentityName string

@description('Principal ids (users or groups) allowed to upload to wesad-raw (Storage Blob Data Contributor on that container only).')
param rawUploaderPrincipalIds string[]

@description('Resource id of the Log Analytics workspace receiving the access logs.')
param logAnalyticsWorkspaceId string

@description('Tags applied to every resource.')
param tags object

@description('Days each audit chain checkpoint stays immutable (WORM) after it is written: it can be neither overwritten nor deleted, by anyone, until then. Longer than any period over which the audit trail must be provable.')
@minValue(365)
@maxValue(146000)
param auditCheckpointRetentionDays int = 400

var rawContainerName = 'wesad-raw'
var processedContainerName = 'wesad-processed'
var modelsContainerName = 'models'
var containerNames = [
  rawContainerName
  processedContainerName
  modelsContainerName
  deploymentContainerName
  deadLetterContainerName
]

var storageBlobDataOwnerRoleId = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageQueueDataContributorRoleId = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var storageBlobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource encryptionIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: encryptionIdentityName
}

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: appIdentityName
}

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${encryptionIdentity.id}': {}
    }
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    isLocalUserEnabled: false
    isSftpEnabled: false
    isHnsEnabled: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: networkDefaultAction
      bypass: 'AzureServices'
      ipRules: [for range in allowedIpRanges: { value: range, action: 'Allow' }]
      virtualNetworkRules: functionsSubnetId == null ? [] : [{ id: functionsSubnetId!, action: 'Allow' }]
    }
    encryption: {
      keySource: 'Microsoft.Keyvault'
      requireInfrastructureEncryption: true
      identity: {
        userAssignedIdentity: encryptionIdentity.id
      }
      keyvaultproperties: {
        keyvaulturi: keyVaultUri
        keyname: encryptionKeyName
      }
      services: {
        blob: {
          enabled: true
          keyType: 'Account'
        }
        file: {
          enabled: true
          keyType: 'Account'
        }
        queue: {
          enabled: true
          keyType: 'Account'
        }
        table: {
          enabled: true
          keyType: 'Account'
        }
      }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: blobSoftDeleteRetentionDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: containerSoftDeleteRetentionDays
    }
    isVersioningEnabled: blobVersioningEnabled
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = [
  for name in containerNames: {
    parent: blobService
    name: name
    properties: {
      publicAccess: 'None'
    }
  }
]

// The audit chain's checkpoints (src/audit/checkpointStore.ts): the anchor a writer of the audit
// table cannot rewrite. Version-level immutability needs blob versioning on the account; without
// it the same policy applies at container scope, which also refuses overwrites and deletes. The
// policy is created unlocked (a template cannot lock it): while unlocked, an account owner can
// still shorten or delete it through the management plane (the app's identity holds data-plane
// roles only). Lock it once verified: az storage container immutability-policy lock.
// Docs: "Configure immutability policies for blob versions", "Time-based retention policies for immutable blob data".
resource auditCheckpoints 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: 'audit-checkpoints'
  properties: {
    publicAccess: 'None'
    immutableStorageWithVersioning: {
      enabled: blobVersioningEnabled
    }
  }
}

resource auditCheckpointRetention 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2025-06-01' = {
  parent: auditCheckpoints
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: auditCheckpointRetentionDays
    allowProtectedAppendWrites: false
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' = {
  parent: account
  name: 'default'
}

var dataLifetime = {
  daysAfterCreationGreaterThan: dataRetentionDays
}
var modelVersionLifetime = {
  daysAfterCreationGreaterThan: modelVersionRetentionDays
}

resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-06-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          // Raw uploads and processed windows: gone N days after creation, whatever their state.
          name: 'delete-wesad-data'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                'wesad-raw/'
                'wesad-processed/'
              ]
            }
            actions: {
              baseBlob: {
                delete: dataLifetime
              }
              version: {
                delete: dataLifetime
              }
              snapshot: {
                delete: dataLifetime
              }
            }
          }
        }
        {
          // Model artifacts: superseded versions and snapshots expire; current artifacts stay for the registry.
          name: 'expire-model-versions'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                'models/'
              ]
            }
            actions: {
              version: {
                delete: modelVersionLifetime
              }
              snapshot: {
                delete: modelVersionLifetime
              }
            }
          }
        }
        {
          // Dead-lettered BlobCreated events name raw uploads, so they age out with the raw data.
          name: 'delete-dead-letters'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                '${deadLetterContainerName}/'
              ]
            }
            actions: {
              baseBlob: {
                delete: dataLifetime
              }
              version: {
                delete: dataLifetime
              }
            }
          }
        }
        {
          // Current model artifacts: only when modelRetentionDays is set (the rule is disabled otherwise).
          name: 'delete-model-artifacts'
          enabled: modelRetentionDays != null
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                'models/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterCreationGreaterThan: modelRetentionDays ?? 36500
                }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [
    containers
  ]
}

// Access logs live on the services; the account-level setting would carry metrics only.
var accessLogs = [
  {
    category: 'StorageRead'
    enabled: true
  }
  {
    category: 'StorageWrite'
    enabled: true
  }
  {
    category: 'StorageDelete'
    enabled: true
  }
]

resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: blobService
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: accessLogs
    metrics: [
      {
        category: 'Transaction'
        enabled: true
      }
    ]
  }
}

resource queueDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: queueService
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: accessLogs
    metrics: [
      {
        category: 'Transaction'
        enabled: true
      }
    ]
  }
}

resource tableDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: tableService
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: accessLogs
    metrics: [
      {
        category: 'Transaction'
        enabled: true
      }
    ]
  }
}

resource appBlobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, appIdentity.id, storageBlobDataOwnerRoleId)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwnerRoleId)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'Functions host storage and application blobs (identity-based AzureWebJobsStorage).'
  }
}

resource appQueueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, appIdentity.id, storageQueueDataContributorRoleId)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      storageQueueDataContributorRoleId
    )
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'Durable Functions control and work-item queues.'
  }
}

resource appTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, appIdentity.id, storageTableDataContributorRoleId)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      storageTableDataContributorRoleId
    )
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'Durable Functions history and instances tables, application tables (runs, registry, audit).'
  }
}

resource rawContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' existing = {
  parent: blobService
  name: rawContainerName
}

resource rawUploaders 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principalId in rawUploaderPrincipalIds: {
    name: guid(rawContainer.id, principalId, storageBlobDataContributorRoleId)
    scope: rawContainer
    properties: {
      roleDefinitionId: subscriptionResourceId(
        'Microsoft.Authorization/roleDefinitions',
        storageBlobDataContributorRoleId
      )
      principalId: principalId
      description: 'Researcher uploads WESAD subject files to wesad-raw.'
    }
    dependsOn: [
      containers
    ]
  }
]

@description('Storage account resource id.')
output storageAccountId string = account.id

@description('Storage account name.')
output storageAccountName string = account.name

@description('Blob service endpoint (AzureWebJobsStorage__blobServiceUri).')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('Queue service endpoint (AzureWebJobsStorage__queueServiceUri).')
output queueEndpoint string = account.properties.primaryEndpoints.queue

@description('Table service endpoint (AzureWebJobsStorage__tableServiceUri).')
output tableEndpoint string = account.properties.primaryEndpoints.table

@description('Deployment package container URL for Flex Consumption.')
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainerName}'
