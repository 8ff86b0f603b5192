metadata description = 'Event Grid system topic on the storage account (source of BlobCreated events for the Event Grid-sourced blob trigger) with delivery-failure logs.'

@description('Azure region of the storage account (a system topic lives with its source).')
param location string

@description('System topic name.')
param systemTopicName string

@description('Name of the storage account whose events the topic publishes.')
param storageAccountName string

@description('Resource id of the Log Analytics workspace receiving delivery failures.')
param logAnalyticsWorkspaceId string

@description('Tags applied to every resource.')
param tags object

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: systemTopicName
  location: location
  tags: tags
  properties: {
    source: account.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource topicDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: topic
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        category: 'DeliveryFailures'
        enabled: true
      }
    ]
  }
}

@description('System topic name.')
output systemTopicName string = topic.name
