import { entraAuthenticationConfig } from 'types.bicep'

metadata description = 'wesad-mlops: serverless MLOps backend for WESAD stress detection. Storage (data, models, Functions host) with a customer-managed key, Key Vault, Function App on Flex Consumption, Event Grid blob ingestion and compliance logging.'

targetScope = 'resourceGroup'

// ---------------------------------------------------------------- general

@description('Azure region for all resources. Defaults to the resource group region.')
param location string = resourceGroup().location

@description('Short lowercase prefix of every resource name (3-11 letters or digits); a hash of the resource group keeps global names unique.')
@minLength(3)
@maxLength(11)
param baseName string = 'wesad'

@description('Tags applied to every resource.')
param tags object = {}

// ---------------------------------------------------------------- network

@description('Storage firewall default action. Deny (secure default) admits only trusted Azure services, allowedIpRanges and the Functions subnet. Set Allow only for a first deploy or a throw-away environment.')
@allowed([
  'Allow'
  'Deny'
])
param storageNetworkDefaultAction string = 'Deny'

@description('Key Vault firewall default action. Deny (secure default) admits only trusted Azure services (storage CMK), allowedIpRanges and the Functions subnet.')
@allowed([
  'Allow'
  'Deny'
])
param keyVaultNetworkDefaultAction string = 'Deny'

@description('Public IPv4 addresses or CIDR ranges (operators, uploaders) allowed through the storage and Key Vault firewalls.')
param allowedIpRanges string[] = []

@description('Integrate the Function App with a virtual network whose subnet has storage and Key Vault service endpoints. Required for the app to reach storage and Key Vault while their firewalls deny by default.')
param enableVnetIntegration bool = true

@description('Address space of the virtual network and range of its Functions subnet (used when enableVnetIntegration is true).')
param virtualNetwork virtualNetworkConfig = {
  addressPrefix: '10.40.0.0/16'
  functionsSubnetPrefix: '10.40.0.0/24'
}

// ---------------------------------------------------------------- storage and data lifecycle

@description('Storage replication SKU.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
  'Standard_RAGRS'
  'Standard_RAGZRS'
])
param storageSku string = 'Standard_ZRS'

@description('Days soft-deleted blobs stay recoverable. A lifecycle delete is a soft delete, so data is gone for good after dataRetentionDays plus this.')
@minValue(1)
@maxValue(365)
param blobSoftDeleteRetentionDays int = 7

@description('Days soft-deleted containers stay recoverable.')
@minValue(1)
@maxValue(365)
param containerSoftDeleteRetentionDays int = 7

@description('Keep previous versions of overwritten or deleted blobs (protects model artifacts; the lifecycle rules delete versions with their data).')
param blobVersioningEnabled bool = true

@description('Days after creation when raw uploads (wesad-raw) and processed windows (wesad-processed) are deleted: current blobs, previous versions and snapshots.')
@minValue(1)
@maxValue(36500)
param dataRetentionDays int = 21

@description('Days each audit chain checkpoint (container audit-checkpoints) stays immutable (WORM) after it is written: no one can overwrite or delete it until then. At least a year, so the audit trail stays provable over any annual review.')
@minValue(365)
@maxValue(146000)
param auditCheckpointRetentionDays int = 400

@description('Days after creation when previous versions and snapshots of model artifacts (models) are deleted.')
@minValue(1)
@maxValue(36500)
param modelVersionRetentionDays int = 90

@description('Days after creation when current model artifacts are deleted; null (default) keeps them, because the model registry references them.')
@minValue(1)
@maxValue(36500)
param modelRetentionDays int?

@description('Principal ids (users or groups) allowed to upload subject files to wesad-raw (Storage Blob Data Contributor on that container only).')
param rawUploaderPrincipalIds string[] = []

@description('CanNotDelete locks on the resources that hold audit evidence (storage account, Key Vault, Log Analytics workspace). On by default; a teardown deletes the locks first (docs/deployment.md). Setting this to false later does not remove existing locks.')
param enableDeleteLocks bool = true

// ---------------------------------------------------------------- Key Vault and customer-managed key

@description('Key Vault SKU.')
@allowed([
  'standard'
  'premium'
])
param keyVaultSku string = 'standard'

@description('Days a deleted vault or key stays recoverable (7-90). Purge protection is always on.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

@description('RSA key size in bits of the storage customer-managed key.')
@allowed([
  3072
  4096
])
param cmkKeySize int = 3072

@description('ISO 8601 duration after creation when Key Vault rotates the customer-managed key (storage follows without a pinned version).')
param cmkRotationAfterCreate string = 'P180D'

@description('ISO 8601 validity of each version of the customer-managed key; must exceed cmkRotationAfterCreate.')
param cmkExpiryTime string = 'P1Y'

@description('Optional principal id (user or group) that may set secrets such as the audit HMAC key (Key Vault Secrets Officer). Null assigns nothing.')
param secretsOfficerPrincipalId string?

// ---------------------------------------------------------------- monitoring

@description('Days the Log Analytics workspace keeps logs (storage access, Key Vault audit, Function App logs) interactively.')
@minValue(30)
@maxValue(730)
param logAnalyticsRetentionInDays int = 365

@description('Export the subscription Activity Log (who changed which resource, role assignment or lock) to the workspace through a subscription-level diagnostic setting. Needs Microsoft.Insights/diagnosticSettings/write on the subscription; set false if the deployer has rights on the resource group only.')
param exportActivityLog bool = true

// ---------------------------------------------------------------- Function App

@description('Node.js major version of the Flex Consumption runtime. Only 22: the training kernels use WebAssembly relaxed SIMD, which Node 20 lacks.')
@allowed([
  '22'
])
param nodeVersion string = '22'

@description('Memory per Flex Consumption instance in MB. 2048 or 4096: a training epoch activity holds up to about 1 GB, and host.json runs one activity at a time per instance (512 cannot hold one).')
@allowed([
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Maximum number of instances the Flex Consumption plan scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Second deployment pass: create the Event Grid subscriptions of infra/eventSubscriptions.json (wesad-raw BlobCreated to ingestRawUpload). Leave false until the function code is deployed: Event Grid validates the target function (and its key) when the subscription is created.')
param deployBlobEventSubscription bool = false

@description('How blob events reach ingestRawUpload: eventGridTrigger when the function is an Event Grid trigger (app.eventGrid, AzureFunction endpoint); blobTriggerWebhook when it is a blob trigger with source EventGrid (blobs extension webhook with its system key).')
@allowed([
  'eventGridTrigger'
  'blobTriggerWebhook'
])
param blobEventDeliveryMode string = 'eventGridTrigger'

@description('App Service Authentication (Entra ID) in front of the HTTP functions, with the app registration that defines the app roles Researcher, ModelApprover, ComplianceOfficer and Admin (docs/deployment.md). Null leaves it off, for a first deployment before the registration exists.')
param entraAuthentication entraAuthenticationConfig?

// ---------------------------------------------------------------- types


@description('Virtual network address ranges.')
type virtualNetworkConfig = {
  @description('Address space of the virtual network (CIDR).')
  addressPrefix: string

  @description('Range of the Functions integration subnet (CIDR, /28 or larger).')
  functionsSubnetPrefix: string
}

// ---------------------------------------------------------------- names

var suffix = take(uniqueString(resourceGroup().id, baseName), 8)
var names = {
  appIdentity: 'id-${baseName}-func-${suffix}'
  storageIdentity: 'id-${baseName}-storage-${suffix}'
  keyVault: 'kv-${baseName}-${suffix}'
  storageAccount: toLower('st${baseName}${suffix}')
  logAnalytics: 'log-${baseName}-${suffix}'
  appInsights: 'appi-${baseName}-${suffix}'
  virtualNetwork: 'vnet-${baseName}-${suffix}'
  plan: 'plan-${baseName}-${suffix}'
  functionApp: 'func-${baseName}-${suffix}'
  systemTopic: 'evgt-${baseName}-${suffix}'
  // Subscription-wide name: one setting per environment (a subscription holds at most five).
  activityLogSetting: 'activity-to-log-${baseName}-${suffix}'
}
var storageKeyName = 'storage-cmk'
var deploymentContainerName = 'app-package'
var deadLetterContainerName = 'eventgrid-deadletter'
// Shared with the local host (src/devhost), so both deliver the same events to the same functions.
var blobEventSubscriptions = loadJsonContent('eventSubscriptions.json').blobEvents

// ---------------------------------------------------------------- modules

module identities 'modules/identity.bicep' = {
  name: 'identities'
  params: {
    location: location
    appIdentityName: names.appIdentity
    storageIdentityName: names.storageIdentity
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
    retentionInDays: logAnalyticsRetentionInDays
    tags: tags
  }
}

module network 'modules/network.bicep' = if (enableVnetIntegration) {
  name: 'network'
  params: {
    location: location
    virtualNetworkName: names.virtualNetwork
    addressPrefix: virtualNetwork.addressPrefix
    functionsSubnetPrefix: virtualNetwork.functionsSubnetPrefix
    tags: tags
  }
}

var functionsSubnetId = enableVnetIntegration ? network!.outputs.functionsSubnetId : null

module keyVault 'modules/keyVault.bicep' = {
  name: 'keyVault'
  params: {
    location: location
    keyVaultName: names.keyVault
    skuName: keyVaultSku
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    networkDefaultAction: keyVaultNetworkDefaultAction
    allowedIpRanges: allowedIpRanges
    functionsSubnetId: functionsSubnetId
    storageKeyName: storageKeyName
    keySize: cmkKeySize
    keyRotationAfterCreate: cmkRotationAfterCreate
    keyExpiryTime: cmkExpiryTime
    storageIdentityName: names.storageIdentity
    appIdentityName: names.appIdentity
    secretsOfficerPrincipalId: secretsOfficerPrincipalId
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
    tags: tags
  }
  dependsOn: [
    identities
  ]
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    storageAccountName: names.storageAccount
    skuName: storageSku
    networkDefaultAction: storageNetworkDefaultAction
    allowedIpRanges: allowedIpRanges
    functionsSubnetId: functionsSubnetId
    encryptionIdentityName: names.storageIdentity
    keyVaultUri: keyVault.outputs.keyVaultUri
    encryptionKeyName: keyVault.outputs.storageKeyName
    blobSoftDeleteRetentionDays: blobSoftDeleteRetentionDays
    containerSoftDeleteRetentionDays: containerSoftDeleteRetentionDays
    blobVersioningEnabled: blobVersioningEnabled
    dataRetentionDays: dataRetentionDays
    auditCheckpointRetentionDays: auditCheckpointRetentionDays
    modelVersionRetentionDays: modelVersionRetentionDays
    modelRetentionDays: modelRetentionDays
    deploymentContainerName: deploymentContainerName
    deadLetterContainerName: deadLetterContainerName
    appIdentityName: names.appIdentity
    rawUploaderPrincipalIds: rawUploaderPrincipalIds
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
    tags: tags
  }
  dependsOn: [
    identities
  ]
}

module functionApp 'modules/functionApp.bicep' = {
  name: 'functionApp'
  params: {
    location: location
    planName: names.plan
    functionAppName: names.functionApp
    nodeVersion: nodeVersion
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    appIdentityName: names.appIdentity
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    keyVaultUri: keyVault.outputs.keyVaultUri
    appInsightsName: names.appInsights
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    functionsSubnetId: functionsSubnetId
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
    entraAuthentication: entraAuthentication
    tags: tags
  }
}

module eventGrid 'modules/eventGrid.bicep' = {
  name: 'eventGrid'
  params: {
    location: location
    systemTopicName: names.systemTopic
    storageAccountName: names.storageAccount
    deadLetterContainerName: deadLetterContainerName
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
    tags: tags
  }
  dependsOn: [
    storage
  ]
}

module blobEventSubscription 'modules/blobEventSubscription.bicep' = if (deployBlobEventSubscription) {
  name: 'blobEventSubscription'
  params: {
    systemTopicName: names.systemTopic
    functionAppName: names.functionApp
    storageAccountName: names.storageAccount
    deadLetterContainerName: deadLetterContainerName
    subscriptions: blobEventSubscriptions
    deliveryMode: blobEventDeliveryMode
  }
  dependsOn: [
    eventGrid
    functionApp
  ]
}

module deleteLocks 'modules/deleteLocks.bicep' = if (enableDeleteLocks) {
  name: 'deleteLocks'
  params: {
    storageAccountName: names.storageAccount
    keyVaultName: names.keyVault
    logAnalyticsName: names.logAnalytics
  }
  dependsOn: [
    storage
    keyVault
    monitoring
  ]
}

module activityLog 'modules/activityLog.bicep' = if (exportActivityLog) {
  name: 'activityLog'
  scope: subscription()
  params: {
    settingName: names.activityLogSetting
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
  }
}

// ---------------------------------------------------------------- outputs

@description('Function App name (deploy the code to it).')
output functionAppName string = functionApp.outputs.functionAppName

@description('Function App host name.')
output functionAppHostName string = functionApp.outputs.defaultHostName

@description('Storage account name.')
output storageAccountName string = storage.outputs.storageAccountName

@description('Key Vault URI (KEY_VAULT_URI).')
output keyVaultUri string = keyVault.outputs.keyVaultUri

@description('Client id of the Function App identity (AZURE_CLIENT_ID).')
output appIdentityClientId string = identities.outputs.appIdentityClientId

@description('Log Analytics workspace name (compliance officers query it).')
output logAnalyticsWorkspaceName string = monitoring.outputs.logAnalyticsWorkspaceName

@description('Saved KQL functions for compliance review.')
output complianceFunctions string[] = monitoring.outputs.complianceFunctions

@description('Event Grid system topic name.')
output eventGridSystemTopicName string = eventGrid.outputs.systemTopicName
