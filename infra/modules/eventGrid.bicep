metadata description = 'Event Grid system topic on the storage account (source of BlobCreated events for the Event Grid-sourced blob trigger) with delivery-failure logs, and the identity it dead-letters with.'

@description('Azure region of the storage account (a system topic lives with its source).')
param location string

@description('System topic name.')
param systemTopicName string

@description('Name of the storage account whose events the topic publishes.')
param storageAccountName string

@description('Name of the container in that account where the topic dead-letters undeliverable events (with its own identity).')
param deadLetterContainerName string

@description('Resource id of the Log Analytics workspace receiving delivery failures.')
param logAnalyticsWorkspaceId string

@description('Tags applied to every resource.')
param tags object

var storageBlobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource deadLetterContainer 'containers' existing = {
      name: deadLetterContainerName
    }
  }
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: systemTopicName
  location: location
  tags: tags
  // The subscriptions dead-letter with this identity (deadLetterWithResourceIdentity), so no key or SAS is needed
  // and the storage firewall admits it as a trusted service.
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: account.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource deadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account::blobService::deadLetterContainer.id, topic.id, storageBlobDataContributorRoleId)
  scope: account::blobService::deadLetterContainer
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      storageBlobDataContributorRoleId
    )
    principalId: topic.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'Event Grid writes undeliverable blob events to the dead-letter container.'
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
