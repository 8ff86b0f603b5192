import { setTimeout as delay } from 'node:timers/promises';
import { app, type InvocationContext } from '@azure/functions';
import { BlobServiceClient } from '@azure/storage-blob';
import { blobTriggerEtag } from './blobTriggerMetadata.js';
import { parseBlobCreatedEvent } from '../../../src/domain/datasets/blobCreatedEvent.js';

/** Blob functions for the local host tests; each attempt leaves a marker blob the tests count. */

export const markerContainer = 'test-markers';

async function leaveMarker(kind: string, context: InvocationContext): Promise<void> {
  await writeMarker(kind, String(context.triggerMetadata?.name), blobTriggerEtag(context), context.invocationId);
}

async function writeMarker(kind: string, blobName: string, etag: string, invocationId: string): Promise<void> {
  const connectionString = process.env.AzureWebJobsStorage;
  if (connectionString === undefined) throw new Error('AzureWebJobsStorage is not set');
  const container = BlobServiceClient.fromConnectionString(connectionString).getContainerClient(markerContainer);
  await container.createIfNotExists();
  await container.getBlockBlobClient(`${kind}/${blobName}/${etag.replaceAll('"', '')}/${invocationId}`).upload('', 0);
}

app.eventGrid('receivesBlobEvents', {
  handler: async (event, context) => {
    // The event names the blob; the content is never handed over.
    const blob = parseBlobCreatedEvent(event);
    await writeMarker('event', blob.blobName, blob.etag, context.invocationId);
  },
});

app.storageBlob('recordsEveryVersion', {
  path: 'host-test-uploads/{name}',
  connection: 'AzureWebJobsStorage',
  handler: async (content, context) => {
    if (!Buffer.isBuffer(content)) throw new Error('expected bytes');
    await leaveMarker('recorded', context);
  },
});

app.storageBlob('alwaysThrows', {
  path: 'host-test-poison/{name}',
  connection: 'AzureWebJobsStorage',
  handler: async (_content, context) => {
    await leaveMarker('attempt', context);
    throw new Error('this blob function always fails');
  },
});

app.storageBlob('slowToFinish', {
  path: 'host-test-slow/{name}',
  connection: 'AzureWebJobsStorage',
  handler: async (_content, context) => {
    await leaveMarker('started', context);
    await delay(Number(process.env.HOST_TEST_SLOW_MS ?? '4000'));
    await leaveMarker('finished', context);
  },
});
