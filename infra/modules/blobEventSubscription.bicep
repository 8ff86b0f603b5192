metadata description = 'Second deployment pass: Event Grid subscriptions from the storage system topic to the functions listed in infra/eventSubscriptions.json (ingestRawUpload on wesad-raw). The target function must exist, so this runs after the code is deployed.'

@description('Name of the existing Event Grid system topic on the storage account.')
param systemTopicName string

@description('Name of the existing Function App hosting the functions.')
param functionAppName string

@description('Name of the storage account holding the dead-letter container.')
param storageAccountName string

@description('Container where undeliverable events are dead-lettered, written with the system topic identity.')
param deadLetterContainerName string

@description('Blob event subscriptions (infra/eventSubscriptions.json, shared with the local host): target function, container, event types.')
param subscriptions blobEventSubscription[]

@description('How events reach a function: eventGridTrigger (an Event Grid trigger, AzureFunction endpoint, no key) or blobTriggerWebhook (a blob trigger with source EventGrid, through the blobs extension webhook and its blobs_extension system key).')
@allowed([
  'eventGridTrigger'
  'blobTriggerWebhook'
])
param deliveryMode string

@description('One subscription from infra/eventSubscriptions.json.')
type blobEventSubscription = {
  @description('Name of the function that receives the events.')
  function: string

  @description('Blob container whose events are delivered.')
  container: string

  @description('Event types delivered (Microsoft.Storage.BlobCreated).')
  eventTypes: string[]
}

resource site 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

var delivery = {
  maxEventsPerBatch: 1
  preferredBatchSizeInKilobytes: 64
}

resource eventSubscriptions 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = [
  for s in subscriptions: {
    parent: topic
    name: '${s.function}-${s.container}'
    properties: {
      eventDeliverySchema: 'EventGridSchema'
      // ARM evaluates only the branch taken, so the webhook key is read only in blobTriggerWebhook mode.
      destination: deliveryMode == 'eventGridTrigger'
        ? {
            endpointType: 'AzureFunction'
            properties: union(delivery, {
              resourceId: '${site.id}/functions/${s.function}'
            })
          }
        : {
            endpointType: 'WebHook'
            properties: union(delivery, {
              endpointUrl: 'https://${site.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${s.function}&code=${uriComponent(listKeys('${site.id}/host/default', '2025-03-01').systemKeys.blobs_extension)}'
            })
          }
      filter: {
        includedEventTypes: s.eventTypes
        subjectBeginsWith: '/blobServices/default/containers/${s.container}/'
      }
      // Event Grid's documented defaults, written out: an event is retried with back-off for up to 30 attempts or a day.
      retryPolicy: {
        maxDeliveryAttempts: 30
        eventTimeToLiveInMinutes: 1440
      }
      // Without a dead-letter destination Event Grid drops an event once the retries are spent.
      deadLetterWithResourceIdentity: {
        identity: {
          type: 'SystemAssigned'
        }
        deadLetterDestination: {
          endpointType: 'StorageBlob'
          properties: {
            resourceId: account.id
            blobContainerName: deadLetterContainerName
          }
        }
      }
    }
  }
]

@description('Names of the event subscriptions.')
output eventSubscriptionNames string[] = [for (s, i) in subscriptions: eventSubscriptions[i].name]
