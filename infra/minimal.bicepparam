// Minimal deployment: a throw-away or first-deploy environment without VNet integration.
// The firewalls are open (Allow) because without VNet integration the app cannot pass them;
// encryption, identity-only access, TLS and logging stay as hardened as in the default.
// JSON twin for az/azd: bicep build-params infra/minimal.bicepparam --outfile infra/minimal.parameters.json
using 'main.bicep'

param baseName = 'wesaddev'
param storageNetworkDefaultAction = 'Allow'
param keyVaultNetworkDefaultAction = 'Allow'
param enableVnetIntegration = false
param storageSku = 'Standard_LRS'
param blobVersioningEnabled = false
param keyVaultSoftDeleteRetentionInDays = 7
param logAnalyticsRetentionInDays = 30
