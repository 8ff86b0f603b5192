// Hardened default parameter set (the values the template defaults to, written out for review).
// JSON twin for az/azd: bicep build-params infra/main.bicepparam --outfile infra/main.parameters.json
using 'main.bicep'

param baseName = 'wesad'
param tags = {
  project: 'wesad-mlops'
  dataClassification: 'health-research'
}
param storageNetworkDefaultAction = 'Deny'
param keyVaultNetworkDefaultAction = 'Deny'
param allowedIpRanges = []
param enableVnetIntegration = true
param virtualNetwork = {
  addressPrefix: '10.40.0.0/16'
  functionsSubnetPrefix: '10.40.0.0/24'
}
param storageSku = 'Standard_ZRS'
param blobSoftDeleteRetentionDays = 7
param containerSoftDeleteRetentionDays = 7
param blobVersioningEnabled = true
param dataRetentionDays = 21
param auditCheckpointRetentionDays = 400
param modelVersionRetentionDays = 90
param rawUploaderPrincipalIds = []
param enableDeleteLocks = true
param keyVaultSku = 'standard'
param keyVaultSoftDeleteRetentionInDays = 90
param cmkKeySize = 3072
param cmkRotationAfterCreate = 'P180D'
param cmkExpiryTime = 'P1Y'
param logAnalyticsRetentionInDays = 365
param exportActivityLog = true
param nodeVersion = '22'
param instanceMemoryMB = 2048
param maximumInstanceCount = 40
param deployBlobEventSubscription = false
param blobEventDeliveryMode = 'eventGridTrigger'
