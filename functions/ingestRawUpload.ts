import { app, type InvocationContext } from '@azure/functions';
import { functionNames } from '../src/functionNames.js';
import { parseBlobCreatedEvent } from '../src/uploads/blobCreatedEvent.js';
import { recordRawUploadFromBlob } from '../src/uploads/rawUploadLedger.js';
import { appStorage } from '../src/storage/appStorage.js';

/**
 * Fed by the Event Grid subscription in infra/eventSubscriptions.json: the event names the blob
 * and the function streams it, so a 0.3 GB recording is never handed over as one buffer.
 */
export async function ingestRawUploadHandler(event: unknown, context: InvocationContext): Promise<void> {
  const blob = parseBlobCreatedEvent(event);
  const outcome = await recordRawUploadFromBlob(appStorage(), blob);
  if (outcome.kind === 'superseded') {
    context.log(`Skipped: ${outcome.reason}`);
    return;
  }
  const { upload } = outcome;
  context.log(`Recorded ${upload.container}/${upload.blobName}: ${upload.sizeBytes} bytes, sha256 ${upload.sha256}`);
}

app.eventGrid(functionNames.ingestRawUpload, { handler: ingestRawUploadHandler });
