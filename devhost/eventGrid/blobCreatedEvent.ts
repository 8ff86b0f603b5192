import { randomUUID } from 'node:crypto';

export interface BlobCreatedEventInput {
  accountName: string;
  container: string;
  blobName: string;
  url: string;
  etag: string;
  contentLength: number | undefined;
  contentType: string | undefined;
  lastModified: Date | undefined;
}

/**
 * A `Microsoft.Storage.BlobCreated` event in the Event Grid schema, with the fields a storage
 * system topic sends (https://learn.microsoft.com/azure/event-grid/event-schema-blob-storage).
 */
export function blobCreatedEvent(input: BlobCreatedEventInput): Record<string, unknown> {
  return {
    id: randomUUID(),
    topic: `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/local/providers/Microsoft.Storage/storageAccounts/${input.accountName}`,
    subject: `/blobServices/default/containers/${input.container}/blobs/${input.blobName}`,
    eventType: 'Microsoft.Storage.BlobCreated',
    eventTime: (input.lastModified ?? new Date()).toISOString(),
    dataVersion: '',
    metadataVersion: '1',
    data: {
      api: 'PutBlob',
      eTag: input.etag,
      contentType: input.contentType ?? 'application/octet-stream',
      contentLength: input.contentLength ?? 0,
      blobType: 'BlockBlob',
      url: input.url,
      sequencer: (input.lastModified?.getTime() ?? 0).toString(16).padStart(32, '0'),
    },
  };
}
