import { app, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { functionNames } from '../src/functionNames.js';
import { parseBlobCreatedEvent } from '../src/uploads/blobCreatedEvent.js';
import { ingestUpload } from '../src/datasets/ingestUpload.js';
import { appStorage } from '../src/storage/appStorage.js';
import { appConfig } from '../src/config/appConfig.js';
import { appAuditTrail } from '../src/audit/appAudit.js';
import { inSpan } from '../src/observability/telemetry.js';
import { signalNewWindowSet } from '../src/continuous/newWindowSet.js';

/**
 * Fed by the Event Grid subscription in infra/eventSubscriptions.json: the event names the blob
 * and ingestion streams it, so a 0.3 GB recording is never handed over as one buffer.
 */
export async function ingestRawUploadHandler(event: unknown, context: InvocationContext): Promise<void> {
  const blob = parseBlobCreatedEvent(event);
  const upload = await inSpan('ingest upload', { container: blob.container, blob: blob.blobName }, () =>
    ingestUpload(appStorage(), blob, {
      maxUploadBytes: appConfig().maxUploadBytes,
      limits: appConfig().hostileInput.upload,
      beforeFinal: async (record) => {
        await appAuditTrail().append({
          actor: 'system:ingestion',
          action: 'upload-processed',
          target: `${record.container}/${record.blobName}`,
          details: {
            etag: record.etag,
            status: record.status,
            subject: record.subject,
            version: record.version,
            errorCode: record.errorCode,
          },
        });
      },
    }),
  );
  const where = upload.version === null ? '' : ` → ${upload.subject ?? ''}/${upload.version}`;
  const why = upload.reason === null ? '' : ` (${upload.errorCode ?? 'note'}: ${upload.reason})`;
  context.log(`${upload.container}/${upload.blobName} ${upload.kind}: ${upload.status}${where}${why}`);
  // After the window set is stored: a redelivered event signals again, which only restarts a quiet period.
  const signalled = await signalNewWindowSet(
    appStorage(),
    appConfig().continuousTraining,
    () => df.getClient(context),
    upload,
  );
  for (const [experiment, outcome] of signalled) context.log(`continuous training of ${experiment}: ${outcome}`);
}

app.eventGrid(functionNames.ingestRawUpload, {
  extraInputs: [df.input.durableClient()],
  handler: ingestRawUploadHandler,
});
