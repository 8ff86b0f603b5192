import { DEFAULT_UPLOAD_LIMITS } from '../../../src/domain/wesad/uploadLimits.js';
import { parsePreprocessingConfig } from '../../../src/domain/datasets/preprocessingConfig.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuditTrail } from '../../../src/domain/audit/auditTrail.js';
import { SettingAuditKey } from '../../../src/domain/audit/auditKey.js';
import { UploadLedger } from '../../../src/domain/datasets/uploadLedger.js';
import { DatasetCatalog } from '../../../src/domain/datasets/datasetCatalog.js';
import type { StorageClients } from '../../../src/platform/storage/storageClients.js';
import { ingestRawUpload, type RawUploadIngestion } from '../../../src/workflows/ingestion/rawUploadIngestion.js';
import { sweepRawUploads, type SweepOptions } from '../../../src/workflows/ingestion/uploadSweep.js';
import { storageClientsFor } from '../../support/isolatedStorage.js';
import { uniqueName } from '../../support/testStorage.js';
import { syntheticPickle, uniqueSubjectId } from '../../support/syntheticUploads.js';

/**
 * "Tutorial: Trigger Azure Functions on blob containers using an event subscription"
 * (functions-event-grid-blob-trigger) and "Reacting to Blob storage events" (storage-blob-event-overview):
 * Event Grid announces blobs created after the subscription exists; what was uploaded before is
 * never announced. The sweep catches up through the same ingestion path, and only once.
 * (A container and tables of its own: the suite's hosts ingest wesad-raw themselves.)
 */
let storage: StorageClients;
let audit: AuditTrail;
let ingestion: RawUploadIngestion;
const container = uniqueName('sweep-raw-');
const subject = uniqueSubjectId();

beforeAll(async () => {
  storage = await storageClientsFor('sweep');
  audit = new AuditTrail(storage, new SettingAuditKey('a-test-key-that-is-long-enough-for-hmac-sha256'));
  ingestion = {
    storage,
    maxUploadBytes: 64 * 1024 * 1024,
    preprocessing: parsePreprocessingConfig({}),
    limits: DEFAULT_UPLOAD_LIMITS,
    continuousTraining: {
      quietPeriodSeconds: 600,
      defaultExperiment: undefined,
      championStage: 'production',
      challengerStage: 'staging',
    },
    audit,
    client: () => {
      throw new Error('no experiment has continuous training on: nothing may be signalled');
    },
  };
  await storage.blobs.getContainerClient(container).create();
});

const sweep = (options: Partial<SweepOptions> = {}) =>
  sweepRawUploads(storage, async (blob) => (await ingestRawUpload(ingestion, blob)).upload, {
    container,
    timeBudgetMs: 60_000,
    concurrency: 2,
    ...options,
  });

async function upload(name: string, content: Buffer | string): Promise<string> {
  const { etag } = await storage.blobs
    .getContainerClient(container)
    .getBlockBlobClient(name)
    .uploadData(typeof content === 'string' ? Buffer.from(content) : content);
  if (etag === undefined) throw new Error('no etag');
  return etag;
}

async function processedEntries(): Promise<string[]> {
  const page = await audit.list({ action: 'upload-processed' }, 1000, undefined);
  return page.items.map((entry) => `${entry.target} ${String(entry.details.etag)}`);
}

describe('sweeping uploads Event Grid never announced', () => {
  it('ingests every version without an upload row, once, through the ingestion path', async () => {
    const pickle = `${subject}/${subject}.pkl`;
    const pickleEtag = await upload(pickle, syntheticPickle(subject, 120, 11));
    const notesEtag = await upload(`${subject}/notes.txt`, 'not a WESAD file');
    // One upload was announced and ingested before the sweep: the sweep leaves it alone.
    const announced = `${subject}/${subject}_readme.txt`;
    const announcedEtag = await upload(announced, 'Age: 27\n');
    await ingestRawUpload(ingestion, {
      container,
      blobName: announced,
      etag: announcedEtag,
      contentLength: 8,
      url: `${storage.blobs.url}/${container}/${announced}`,
    });

    expect(await sweep({ dryRun: true })).toEqual({
      listed: 3,
      known: 1,
      ingested: [],
      remaining: 2,
      complete: false,
    });

    const first = await sweep();
    expect(first).toEqual({
      listed: 3,
      known: 1,
      ingested: [
        { blobName: pickle, etag: pickleEtag, status: 'ready' },
        { blobName: `${subject}/notes.txt`, etag: notesEtag, status: 'failed' },
      ],
      remaining: 0,
      complete: true,
    });
    const ledger = new UploadLedger(storage);
    const [pickleRow] = await ledger.listForBlob(container, pickle);
    expect(pickleRow).toMatchObject({ status: 'ready', subject, etag: pickleEtag });
    expect(await new DatasetCatalog(storage).get(subject, pickleRow?.version ?? '')).toBeDefined();
    const [notesRow] = await ledger.listForBlob(container, `${subject}/notes.txt`);
    expect(notesRow).toMatchObject({ status: 'failed', errorCode: 'UNSUPPORTED_FILE' });

    // Idempotent: the second sweep finds every row and ingests nothing, audits nothing more.
    const auditedOnce = await processedEntries();
    expect(auditedOnce).toHaveLength(3);
    expect(await sweep()).toEqual({ listed: 3, known: 3, ingested: [], remaining: 0, complete: true });
    expect(await processedEntries()).toEqual(auditedOnce);

    // A new version of a blob is a new upload: only it is swept.
    const overwritten = await upload(pickle, syntheticPickle(subject, 120, 12));
    const third = await sweep();
    expect(third.ingested).toEqual([{ blobName: pickle, etag: overwritten, status: 'ready' }]);
    expect(third.known).toBe(2);
  });

  it('stops starting work when its time budget is spent and says what remains', async () => {
    await upload(`${subject}/late.txt`, 'x');
    let clock = 0;
    const report = await sweep({ timeBudgetMs: 10, now: () => (clock += 100) });
    expect(report).toMatchObject({ ingested: [], remaining: 1, complete: false });
    expect(await sweep()).toMatchObject({ ingested: [{ blobName: `${subject}/late.txt`, status: 'failed' }] });
  });
});
