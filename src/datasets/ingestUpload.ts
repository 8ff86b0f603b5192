import { createHash } from 'node:crypto';
import type { BlobClient } from '@azure/storage-blob';
import type { StorageClients } from '../storage/storageClients.js';
import { isStatus } from '../storage/restErrors.js';
import { WesadInputError, isWesadInputError } from '../wesad/errors.js';
import { ingestSubjectPickle, type IngestOptions } from '../wesad/ingestPickle.js';
import { DEFAULT_FORMAT_BY_SOURCE, type PreprocessingFormat } from '../wesad/preprocess/parameters.js';
import { ingestE4Csvs, ingestE4Zip } from '../wesad/ingestE4.js';
import { parseQuestTimeline } from '../wesad/e4/questTimeline.js';
import { resolveSubjectId } from '../wesad/subjectId.js';
import type { ProcessedWindowSet } from '../wesad/preprocess/windowSetOutput.js';
import type { CreatedBlob } from '../uploads/blobCreatedEvent.js';
import { e4CsvSignals, e4SideFiles, uploadKindOf, type E4SideFile, type UploadKind } from './uploadKind.js';
import { UploadLedger, type UploadRecord } from './uploadLedger.js';
import { storeWindowSet } from './windowSetStore.js';
import { DatasetCatalog, datasetRecordOf } from './datasetCatalog.js';
import { storeSubjectProtocol } from './subjectProtocols.js';
import { telemetryMetrics } from '../observability/telemetry.js';

export interface IngestionSettings {
  maxUploadBytes: number;
  /** The wesad-wrist format per kind of recording (default: DEFAULT_FORMAT_BY_SOURCE, v2 for E4, v1 for pickles). */
  formats?: Readonly<Record<'e4' | 'pickle', PreprocessingFormat>>;
  now?: () => Date;
  /**
   * Called with the outcome before it is stored as final, so that a crash in between repeats
   * the call rather than losing it (the audit trail records each upload at least once).
   */
  beforeFinal?: (record: UploadRecord) => Promise<void>;
}

type Outcome =
  | { status: 'ready'; subject: string | null; version: string | null; sha256: string }
  | { status: 'waiting'; reason: string }
  | { status: 'ignored'; subject: string | null; reason: string };

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
  if (previous !== undefined && ['ready', 'failed', 'superseded', 'ignored'].includes(previous.status)) return previous;

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
    const outcome = await ingestByKind(storage, blob, kind, settings, now);
    final = finalRecord(base, outcome);
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

function finalRecord(base: UploadRecord, outcome: Outcome): UploadRecord {
  switch (outcome.status) {
    case 'ready':
      return { ...base, status: 'ready', subject: outcome.subject, version: outcome.version, sha256: outcome.sha256 };
    case 'waiting':
      return { ...base, status: 'waiting', reason: outcome.reason };
    case 'ignored':
      return { ...base, status: 'ignored', subject: outcome.subject, reason: outcome.reason };
  }
}

async function ingestByKind(
  storage: StorageClients,
  blob: CreatedBlob,
  kind: UploadKind,
  settings: IngestionSettings,
  now: () => Date,
): Promise<Outcome> {
  const { maxUploadBytes } = settings;
  const formats = settings.formats ?? DEFAULT_FORMAT_BY_SOURCE;
  if (kind.kind === 'unsupported') {
    throw new WesadInputError(
      'UNSUPPORTED_FILE',
      `"${blob.blobName}" is not a WESAD file this system reads (S*.pkl, *_E4_Data.zip, ACC/BVP/EDA/TEMP.csv, *_quest.csv, *_readme.txt).`,
    );
  }
  // Before the size checks: a session without button presses has an empty tags.csv.
  if (kind.kind === 'e4-side-file') return ignoredSideFile(kind.file, kind.folder);
  if (blob.contentLength === 0) throw new WesadInputError('EMPTY_INPUT', 'The upload is empty (0 bytes).');
  if (blob.contentLength > maxUploadBytes) {
    throw new WesadInputError(
      'INPUT_TOO_LARGE',
      `The upload is larger than the configured limit of ${maxUploadBytes} bytes.`,
    );
  }
  const client = storage.blobs.getContainerClient(blob.container).getBlobClient(blob.blobName);
  const options = { sourceName: blob.blobName, etag: blob.etag, maxBytes: maxUploadBytes };
  const e4Options = { ...options, parameters: { format: formats.e4 } };
  switch (kind.kind) {
    case 'subject-pickle': {
      const pickleOptions = { ...options, parameters: { format: formats.pickle } };
      return stored(storage, await ingestSubjectPickle(await streamOf(client, blob.etag), pickleOptions), now);
    }
    case 'e4-zip':
      return stored(storage, ingestE4Zip(await bytesOf(client, blob.etag), e4Options), now);
    case 'e4-csv':
      return ingestE4Folder(storage, blob, kind.folder, e4Options, now);
    case 'quest': {
      const content = await bytesOf(client, blob.etag);
      const timeline = parseQuestTimeline(content.toString('utf8'));
      const subject = resolveSubjectId(undefined, timeline.subject ?? undefined, blob.blobName);
      await storeSubjectProtocol(storage, subject, timeline, blob, now());
      return { status: 'ready', subject, version: null, sha256: sha256Of(content) };
    }
    case 'readme': {
      // Personal information stays in the raw upload (covered by retention); nothing is copied.
      const content = await bytesOf(client, blob.etag);
      return { status: 'ready', subject: null, version: null, sha256: sha256Of(content) };
    }
  }
}

function ignoredSideFile(file: E4SideFile, folder: string): Outcome {
  return {
    status: 'ignored',
    // Attributed to the folder's subject where it names one, so erasure finds the row.
    subject: subjectOfFolder(folder),
    reason: `${file} is part of an E4 export but not read: ${e4SideFiles[file]}.`,
  };
}

function subjectOfFolder(folder: string): string | null {
  try {
    return resolveSubjectId(undefined, undefined, folder);
  } catch (error: unknown) {
    if (isWesadInputError(error)) return null;
    throw error;
  }
}

/** Loose E4 CSVs arrive one by one; the folder is read once all four signals are there. */
async function ingestE4Folder(
  storage: StorageClients,
  blob: CreatedBlob,
  folder: string,
  options: IngestOptions,
  now: () => Date,
): Promise<Outcome> {
  const container = storage.blobs.getContainerClient(blob.container);
  const present = new Map<string, string>();
  for await (const item of container.listBlobsFlat({ prefix: folder })) {
    const file = item.name.slice(folder.length);
    const signal = e4CsvSignals.find((name) => file.toUpperCase() === `${name}.CSV`);
    if (signal !== undefined) present.set(signal, item.name);
  }
  const missing = e4CsvSignals.filter((signal) => !present.has(signal));
  if (missing.length > 0) {
    return {
      status: 'waiting',
      reason: `Waiting for ${missing.map((signal) => `${signal}.csv`).join(', ')} in "${folder}".`,
    };
  }
  const files = new Map<string, Uint8Array>();
  for (const [signal, name] of present) {
    files.set(`${signal}.csv`, await container.getBlobClient(name).downloadToBuffer());
  }
  return stored(storage, ingestE4Csvs(files, { ...options, sourceName: folder === '' ? blob.blobName : folder }), now);
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

async function bytesOf(client: BlobClient, etag: string): Promise<Buffer> {
  return client.downloadToBuffer(0, undefined, { conditions: { ifMatch: etag } });
}

function sha256Of(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}
