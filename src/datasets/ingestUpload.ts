import { createHash } from 'node:crypto';
import type { BlobClient } from '@azure/storage-blob';
import type { StorageClients } from '../storage/storageClients.js';
import { isStatus } from '../storage/restErrors.js';
import { WesadInputError, WesadLimitError, isWesadInputError } from '../wesad/errors.js';
import { DEFAULT_UPLOAD_LIMITS, UPLOAD_LIMIT_SETTINGS, type UploadLimits } from '../wesad/uploadLimits.js';
import { ingestSubjectPickle } from '../wesad/ingestPickle.js';
import { ingestE4Csvs, ingestE4Zip, type CsvUpload } from '../wesad/ingestE4.js';
import { parseQuestTimeline } from '../wesad/e4/questTimeline.js';
import { resolveSubjectId } from '../wesad/subjectId.js';
import type { ProcessedWindowSet } from '../wesad/preprocess/windowSetOutput.js';
import type { CreatedBlob } from '../uploads/blobCreatedEvent.js';
import { e4CsvSignals, uploadKindOf, type UploadKind } from './uploadKind.js';
import { UploadLedger, type UploadRecord } from './uploadLedger.js';
import { storeWindowSet } from './windowSetStore.js';
import { DatasetCatalog, datasetRecordOf } from './datasetCatalog.js';
import { storeSubjectProtocol } from './subjectProtocols.js';
import { telemetryMetrics } from '../observability/telemetry.js';

export interface IngestionSettings {
  maxUploadBytes: number;
  /** Bounds on expansion, recording length and pickle structure (default DEFAULT_UPLOAD_LIMITS). */
  limits?: UploadLimits;
  now?: () => Date;
  /**
   * Called with the outcome before it is stored as final, so that a crash in between repeats
   * the call rather than losing it (the audit trail records each upload at least once).
   */
  beforeFinal?: (record: UploadRecord) => Promise<void>;
}

type Outcome =
  | { status: 'ready'; subject: string | null; version: string | null; sha256: string }
  | { status: 'waiting'; reason: string };

/** The blob changed or vanished after the event: its successor has an event of its own. */
class SupersededError extends Error {}

/**
 * Ingests one upload to wesad-raw: reads it by kind, writes the window set and its dataset row,
 * and keeps the upload's status row. At-least-once safe: a version already ready or refused is
 * not read again, and every write lands on names derived from content or from the blob version.
 * Bad input ends as a failed row with a stable code; storage trouble is thrown so the host retries.
 */
export async function ingestUpload(
  storage: StorageClients,
  blob: CreatedBlob,
  settings: IngestionSettings,
): Promise<UploadRecord> {
  const now = settings.now ?? (() => new Date());
  const ledger = new UploadLedger(storage);
  const previous = await ledger.get(blob);
  if (previous !== undefined && ['ready', 'failed', 'superseded'].includes(previous.status)) return previous;

  const kind = uploadKindOf(blob.blobName);
  const base: UploadRecord = {
    container: blob.container,
    blobName: blob.blobName,
    etag: blob.etag,
    kind: kind.kind,
    status: 'processing',
    sizeBytes: blob.contentLength,
    sha256: null,
    subject: null,
    version: null,
    errorCode: null,
    reason: null,
    attempts: (previous?.attempts ?? 0) + 1,
    updatedAt: now().toISOString(),
  };
  await ledger.put(base);

  let final: UploadRecord;
  try {
    const outcome = await ingestByKind(
      storage,
      blob,
      kind,
      { maxUploadBytes: settings.maxUploadBytes, limits: settings.limits ?? DEFAULT_UPLOAD_LIMITS },
      now,
    );
    final =
      outcome.status === 'ready'
        ? { ...base, status: 'ready', subject: outcome.subject, version: outcome.version, sha256: outcome.sha256 }
        : { ...base, status: 'waiting', reason: outcome.reason };
  } catch (error: unknown) {
    if (isWesadInputError(error)) {
      final = { ...base, status: 'failed', errorCode: error.code, reason: error.message };
    } else if (error instanceof SupersededError || isStatus(error, 404, 412)) {
      final = { ...base, status: 'superseded', reason: 'The blob was overwritten or deleted before it was read.' };
    } else {
      throw error;
    }
  }
  final.updatedAt = now().toISOString();
  await settings.beforeFinal?.(final);
  await ledger.put(final);
  return final;
}

async function ingestByKind(
  storage: StorageClients,
  blob: CreatedBlob,
  kind: UploadKind,
  { maxUploadBytes, limits }: { maxUploadBytes: number; limits: UploadLimits },
  now: () => Date,
): Promise<Outcome> {
  if (kind.kind === 'unsupported') {
    throw new WesadInputError(
      'UNSUPPORTED_FILE',
      `"${blob.blobName}" is not a WESAD file this system reads (S*.pkl, *_E4_Data.zip, ACC/BVP/EDA/TEMP.csv, *_quest.csv, *_readme.txt).`,
    );
  }
  if (blob.contentLength === 0) throw new WesadInputError('EMPTY_INPUT', 'The upload is empty (0 bytes).');
  if (blob.contentLength > maxUploadBytes) {
    throw new WesadInputError(
      'INPUT_TOO_LARGE',
      `The upload is larger than the configured limit of ${maxUploadBytes} bytes.`,
    );
  }
  const client = storage.blobs.getContainerClient(blob.container).getBlobClient(blob.blobName);
  const options = { sourceName: blob.blobName, etag: blob.etag, maxBytes: maxUploadBytes, limits };
  switch (kind.kind) {
    case 'subject-pickle':
      return stored(storage, await ingestSubjectPickle(await streamOf(client, blob.etag), options), now);
    case 'e4-zip':
      return stored(storage, await ingestE4Zip(await streamOf(client, blob.etag), options), now);
    case 'e4-csv':
      return ingestE4Folder(storage, blob, kind.folder, options, now);
    case 'quest': {
      // A protocol timeline is a few hundred bytes; it is read whole, so its size is bounded first.
      refuseLargerThan(blob.contentLength, limits.maxFileBytes);
      const content = await bytesOf(client, blob.etag);
      const timeline = parseQuestTimeline(content.toString('utf8'));
      const subject = resolveSubjectId(undefined, timeline.subject ?? undefined, blob.blobName);
      await storeSubjectProtocol(storage, subject, timeline, blob, now());
      return { status: 'ready', subject, version: null, sha256: sha256Of(content) };
    }
    case 'readme': {
      // Personal information stays in the raw upload (covered by retention); nothing is copied.
      const hash = createHash('sha256');
      for await (const chunk of await streamOf(client, blob.etag)) hash.update(chunk);
      return { status: 'ready', subject: null, version: null, sha256: hash.digest('hex') };
    }
  }
}

/** Loose E4 CSVs arrive one by one; the folder is read once all four signals are there. */
async function ingestE4Folder(
  storage: StorageClients,
  blob: CreatedBlob,
  folder: string,
  options: { sourceName: string; etag: string; maxBytes: number; limits: UploadLimits },
  now: () => Date,
): Promise<Outcome> {
  const container = storage.blobs.getContainerClient(blob.container);
  const present = new Map<string, { name: string; sizeBytes: number }>();
  for await (const item of container.listBlobsFlat({ prefix: folder })) {
    const file = item.name.slice(folder.length);
    const signal = e4CsvSignals.find((name) => file.toUpperCase() === `${name}.CSV`);
    if (signal !== undefined) present.set(signal, { name: item.name, sizeBytes: item.properties.contentLength ?? 0 });
  }
  const missing = e4CsvSignals.filter((signal) => !present.has(signal));
  if (missing.length > 0) {
    return {
      status: 'waiting',
      reason: `Waiting for ${missing.map((signal) => `${signal}.csv`).join(', ')} in "${folder}".`,
    };
  }
  const files = new Map<string, CsvUpload>();
  for (const [signal, { name, sizeBytes }] of present) {
    refuseLargerThan(sizeBytes, options.limits.maxFileBytes);
    files.set(`${signal}.csv`, { sizeBytes, chunks: lazyDownload(container.getBlobClient(name), sizeBytes) });
  }
  const sourceName = folder === '' ? blob.blobName : folder;
  return stored(storage, await ingestE4Csvs(files, { ...options, sourceName }), now);
}

async function stored(storage: StorageClients, set: ProcessedWindowSet, now: () => Date): Promise<Outcome> {
  await storeWindowSet(storage, set);
  await new DatasetCatalog(storage).add(datasetRecordOf(set.manifest, now()));
  telemetryMetrics.windowsProcessed.add(set.manifest.counts.windows, { kind: set.manifest.kind });
  return { status: 'ready', subject: set.subject, version: set.version, sha256: set.manifest.source.sha256 };
}

async function streamOf(client: BlobClient, etag: string): Promise<AsyncIterable<Uint8Array>> {
  const download = await client.download(0, undefined, { conditions: { ifMatch: etag } });
  if (download.readableStreamBody === undefined) throw new SupersededError('The blob download returned no body.');
  return download.readableStreamBody as AsyncIterable<Uint8Array>;
}

/**
 * A sibling CSV, streamed when the reader comes to it (not all four at once). It must still be the
 * size it was listed with: one that changed meanwhile has an event of its own.
 */
async function* lazyDownload(client: BlobClient, sizeBytes: number): AsyncGenerator<Uint8Array> {
  const download = await client.download(0);
  if (download.readableStreamBody === undefined) throw new SupersededError('The blob download returned no body.');
  let received = 0;
  for await (const chunk of download.readableStreamBody as AsyncIterable<Uint8Array>) {
    received += chunk.length;
    if (received > sizeBytes) throw new SupersededError(`${client.name} changed while it was read.`);
    yield chunk;
  }
  if (received !== sizeBytes) throw new SupersededError(`${client.name} changed while it was read.`);
}

function refuseLargerThan(sizeBytes: number, maxFileBytes: number): void {
  if (sizeBytes > maxFileBytes) {
    throw new WesadLimitError('INPUT_TOO_LARGE', `The file is larger than the limit of ${maxFileBytes} bytes.`, {
      setting: UPLOAD_LIMIT_SETTINGS.maxFileBytes,
      value: maxFileBytes,
    });
  }
}

async function bytesOf(client: BlobClient, etag: string): Promise<Buffer> {
  return client.downloadToBuffer(0, undefined, { conditions: { ifMatch: etag } });
}

function sha256Of(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}
