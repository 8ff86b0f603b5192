import { app, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { functionNames } from '../src/api/functionNames.js';
import { parseBlobCreatedEvent } from '../src/domain/datasets/blobCreatedEvent.js';
import { appStorage } from '../src/app/appStorage.js';
import { appConfig } from '../src/app/appConfig.js';
import { appAuditTrail } from '../src/app/appAudit.js';
import { ingestRawUpload, type RawUploadIngestion } from '../src/workflows/ingestion/rawUploadIngestion.js';

/** What ingestion needs in this invocation: the app's storage, audit trail and settings, and its durable client. */
export function rawUploadIngestion(context: InvocationContext): RawUploadIngestion {
  const config = appConfig();
  return {
    storage: appStorage(),
    maxUploadBytes: config.maxUploadBytes,
    preprocessing: config.preprocessing,
    limits: config.hostileInput.upload,
    continuousTraining: config.continuousTraining,
    // Looked up when an outcome is recorded, as before: a refused event needs no audit key.
    audit: { append: (event) => appAuditTrail().append(event) },
    client: () => df.getClient(context),
  };
}

/**
 * Fed by the Event Grid subscription in infra/eventSubscriptions.json: the event names the blob
 * and ingestion streams it, so a 0.3 GB recording is never handed over as one buffer.
 */
export async function ingestRawUploadHandler(event: unknown, context: InvocationContext): Promise<void> {
  const blob = parseBlobCreatedEvent(event);
  const { upload, signalled } = await ingestRawUpload(rawUploadIngestion(context), blob);
  const where = upload.version === null ? '' : ` → ${upload.subject ?? ''}/${upload.version}`;
  const why = upload.reason === null ? '' : ` (${upload.errorCode ?? 'note'}: ${upload.reason})`;
  context.log(`${upload.container}/${upload.blobName} ${upload.kind}: ${upload.status}${where}${why}`);
  for (const [experiment, outcome] of signalled) context.log(`continuous training of ${experiment}: ${outcome}`);
}

app.eventGrid(functionNames.ingestRawUpload, {
  extraInputs: [df.input.durableClient()],
  handler: ingestRawUploadHandler,
});
