import type { StorageClients } from '../../platform/storage/storageClients.js';
import type { AuditEvent } from '../../domain/audit/auditRecords.js';
import type { ContinuousTrainingConfig } from '../../domain/continuous/continuousTrainingConfig.js';
import type { CreatedBlob } from '../../domain/datasets/blobCreatedEvent.js';
import { ingestUpload } from '../../domain/ingestion/ingestUpload.js';
import type { UploadLimits } from '../../domain/wesad/uploadLimits.js';
import type { PreprocessingConfig } from '../../domain/datasets/preprocessingConfig.js';
import type { UploadRecord } from '../../domain/datasets/uploadLedger.js';
import { inSpan } from '../../platform/observability/telemetry.js';
import { signalNewWindowSet } from '../continuous/newWindowSet.js';
import type { OrchestrationSignaller } from '../continuous/windowSetSignal.js';

export interface RawUploadIngestion {
  storage: StorageClients;
  maxUploadBytes: number;
  preprocessing: PreprocessingConfig;
  limits: UploadLimits;
  continuousTraining: ContinuousTrainingConfig;
  audit: { append(event: AuditEvent): Promise<unknown> };
  /** The durable client, asked for only when a new labelled window set has something to signal. */
  client: () => OrchestrationSignaller;
}

export interface RawUploadOutcome {
  upload: UploadRecord;
  signalled: Map<string, 'started' | 'signalled'>;
}

/**
 * One version of a raw upload, from its BlobCreated event or from a sweep: ingested (at-least-once
 * safe: a version already ready, failed or superseded is not read again), recorded in the audit
 * trail before its status is final, and, once its window set is stored, signalled to continuous
 * training (a repeated signal only restarts a quiet period).
 */
export async function ingestRawUpload(deps: RawUploadIngestion, blob: CreatedBlob): Promise<RawUploadOutcome> {
  const upload = await inSpan('ingest upload', { container: blob.container, blob: blob.blobName }, () =>
    ingestUpload(deps.storage, blob, {
      maxUploadBytes: deps.maxUploadBytes,
      formats: deps.preprocessing.formats,
      respibanTimeZone: deps.preprocessing.respibanTimeZone,
      limits: deps.limits,
      beforeFinal: async (record) => {
        await deps.audit.append({
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
  const signalled = await signalNewWindowSet(deps.storage, deps.continuousTraining, deps.client, upload);
  return { upload, signalled };
}
