import { createHash } from 'node:crypto';
import type { BlobClient } from '@azure/storage-blob';
import type { StorageClients } from '../../platform/storage/storageClients.js';
import { isStatus } from '../../platform/storage/restErrors.js';
import { WesadInputError, WesadLimitError, isWesadInputError } from '../wesad/errors.js';
import { DEFAULT_UPLOAD_LIMITS, UPLOAD_LIMIT_SETTINGS, type UploadLimits } from '../wesad/uploadLimits.js';
import { ingestSubjectPickle, type IngestOptions } from '../wesad/ingestPickle.js';
import { DEFAULT_FORMAT_BY_SOURCE, type PreprocessingFormat } from '../wesad/preprocess/parameters.js';
import { ingestE4Csvs, ingestE4Zip, type CsvUpload } from '../wesad/ingestE4.js';
import { parseQuestTimeline } from '../wesad/e4/questTimeline.js';
import { resolveSubjectId } from '../wesad/subjectId.js';
import type { ProcessedWindowSet } from '../wesad/preprocess/windowSetOutput.js';
import type { CreatedBlob } from '../datasets/blobCreatedEvent.js';
import { e4CsvSignals, e4SideFiles, uploadKindOf, type E4SideFile, type UploadKind } from '../datasets/uploadKind.js';
import { UploadLedger, type UploadRecord } from '../datasets/uploadLedger.js';
import { storeWindowSet } from '../datasets/windowSetStore.js';
import { DatasetCatalog, datasetRecordOf } from '../datasets/datasetCatalog.js';
import { storeSubjectProtocol } from '../datasets/subjectProtocols.js';
import { parseQuestSelfReports } from '../wesad/e4/questSelfReports.js';
import { parseRespibanHeader, RESPIBAN_HEADER_BYTES } from '../wesad/e4/respibanHeader.js';
import { updateE4Labelling } from '../subjects/e4Labelling.js';
import { recordChestStart, recordE4Export, recordPickle } from '../subjects/subjectInputs.js';
import { DEFAULT_RESPIBAN_TIME_ZONE } from '../datasets/preprocessingConfig.js';
import { telemetryMetrics } from '../../platform/observability/telemetry.js';

export interface IngestionSettings {
  maxUploadBytes: number;
  /** The wesad-wrist format per kind of recording (default: DEFAULT_FORMAT_BY_SOURCE, v2 for E4, v1 for pickles). */
  formats?: Readonly<Record<'e4' | 'pickle', PreprocessingFormat>>;
  /** The zone S{n}_respiban.txt's local start time is read in (default Europe/Berlin, where WESAD was recorded). */
  respibanTimeZone?: string;
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
  | { status: 'ready'; subject: string | null; version: string | null; sha256: string | null }
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
      `"${blob.blobName}" is not a WESAD file this system reads (S*.pkl, *_E4_Data.zip, ACC/BVP/EDA/TEMP.csv, *_quest.csv, *_respiban.txt, *_readme.txt).`,
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
  const limits = settings.limits ?? DEFAULT_UPLOAD_LIMITS;
  const options = { sourceName: blob.blobName, etag: blob.etag, maxBytes: maxUploadBytes, limits };
  const e4Options = { ...options, parameters: { format: formats.e4 } };
  // After each recording or protocol is stored: it may complete what labelling an E4 export needs.
  const labelling = (subject: string) =>
    updateE4Labelling(storage, subject, { format: formats.e4, maxBytes: maxUploadBytes, now });
  switch (kind.kind) {
    case 'subject-pickle': {
      const pickleOptions = { ...options, parameters: { format: formats.pickle } };
      const set = await ingestSubjectPickle(await streamOf(client, blob.etag), pickleOptions);
      const outcome = await stored(storage, set, now);
      const { container, blobName, etag } = blob;
      await recordPickle(
        storage,
        set.subject,
        { container, blobName, etag, sha256: set.manifest.source.sha256 },
        now(),
      );
      await labelling(set.subject);
      return outcome;
    }
    case 'e4-zip': {
      const set = await ingestE4Zip(await streamOf(client, blob.etag), e4Options);
      const outcome = await stored(storage, set, now);
      const blobs = [{ name: blob.blobName, etag: blob.etag, file: blob.blobName }];
      await recordE4Export(storage, set.manifest, { container: blob.container, kind: 'e4-zip', blobs }, now());
      await labelling(set.subject);
      return outcome;
    }
    case 'e4-csv':
      return ingestE4Folder(storage, blob, kind.folder, e4Options, now, labelling);
    case 'quest': {
      // A protocol timeline is a few hundred bytes; it is read whole, so its size is bounded first.
      refuseLargerThan(blob.contentLength, limits.maxFileBytes);
      const content = await bytesOf(client, blob.etag);
      const text = content.toString('utf8');
      const timeline = parseQuestTimeline(text);
      const subject = resolveSubjectId(undefined, timeline.subject ?? undefined, blob.blobName);
      const selfReports = parseQuestSelfReports(text, timeline.phases);
      await storeSubjectProtocol(storage, subject, { ...timeline, selfReports }, blob, now());
      await labelling(subject);
      return { status: 'ready', subject, version: null, sha256: sha256Of(content) };
    }
    case 'respiban': {
      // Only the header is read (the 700 Hz chest samples are not used), so no sha256 of the whole file.
      const head = await headOf(client, blob.etag, Math.min(RESPIBAN_HEADER_BYTES, blob.contentLength));
      const start = parseRespibanHeader(head.toString('utf8'), settings.respibanTimeZone ?? DEFAULT_RESPIBAN_TIME_ZONE);
      const subject = resolveSubjectId(undefined, undefined, blob.blobName);
      await recordChestStart(storage, subject, start, blob, now());
      await labelling(subject);
      return { status: 'ready', subject, version: null, sha256: null };
    }
    case 'readme': {
      // Personal information stays in the raw upload (covered by retention); nothing is copied.
      const hash = createHash('sha256');
      for await (const chunk of await streamOf(client, blob.etag)) hash.update(chunk);
      return { status: 'ready', subject: null, version: null, sha256: hash.digest('hex') };
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
  options: IngestOptions & { limits: UploadLimits },
  now: () => Date,
  labelling: (subject: string) => Promise<unknown>,
): Promise<Outcome> {
  const container = storage.blobs.getContainerClient(blob.container);
  const present = new Map<string, { name: string; etag: string; sizeBytes: number }>();
  for await (const item of container.listBlobsFlat({ prefix: folder })) {
    const file = item.name.slice(folder.length);
    const signal = e4CsvSignals.find((name) => file.toUpperCase() === `${name}.CSV`);
    if (signal !== undefined) {
      present.set(signal, {
        name: item.name,
        etag: item.properties.etag,
        sizeBytes: item.properties.contentLength ?? 0,
      });
    }
  }
  const missing = e4CsvSignals.filter((signal) => !present.has(signal));
  if (missing.length > 0) {
    return {
      status: 'waiting',
      reason: `Waiting for ${missing.map((signal) => `${signal}.csv`).join(', ')} in "${folder}".`,
    };
  }
  const files = new Map<string, CsvUpload>();
  const blobs: { name: string; etag: string; file: string }[] = [];
  for (const [signal, listed] of present) {
    const file = `${signal}.csv`;
    // This upload's own version was listed too: read exactly the versions listed (If-Match).
    const etag = listed.name === blob.blobName ? blob.etag : listed.etag;
    // Each CSV is bounded before it is read; the reader bounds its rows by the recording's length.
    refuseLargerThan(listed.sizeBytes, options.limits.maxFileBytes);
    try {
      const content = await container
        .getBlobClient(listed.name)
        .downloadToBuffer(0, undefined, { conditions: { ifMatch: etag } });
      files.set(file, { sizeBytes: content.length, chunks: [content] });
    } catch (error: unknown) {
      // A sibling was overwritten meanwhile: its own event reads the folder again.
      if (listed.name !== blob.blobName && isStatus(error, 404, 412)) {
        return {
          status: 'waiting',
          reason: `${listed.name} changed while the folder was read; its new version is read next.`,
        };
      }
      throw error;
    }
    blobs.push({ name: listed.name, etag, file });
  }
  const set = await ingestE4Csvs(files, { ...options, sourceName: folder === '' ? blob.blobName : folder });
  const outcome = await stored(storage, set, now);
  await recordE4Export(storage, set.manifest, { container: blob.container, kind: 'e4-csv', blobs }, now());
  await labelling(set.subject);
  return outcome;
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

/** The first `bytes` of the blob version (a range download; the rest of the file is never read). */
async function headOf(client: BlobClient, etag: string, bytes: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of await streamOfRange(client, etag, bytes)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function streamOfRange(client: BlobClient, etag: string, bytes: number): Promise<AsyncIterable<Uint8Array>> {
  const download = await client.download(0, bytes, { conditions: { ifMatch: etag } });
  if (download.readableStreamBody === undefined) throw new SupersededError('The blob download returned no body.');
  return download.readableStreamBody as AsyncIterable<Uint8Array>;
}

async function bytesOf(client: BlobClient, etag: string): Promise<Buffer> {
  return client.downloadToBuffer(0, undefined, { conditions: { ifMatch: etag } });
}

function sha256Of(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

function refuseLargerThan(sizeBytes: number, maxFileBytes: number): void {
  if (sizeBytes > maxFileBytes) {
    throw new WesadLimitError('INPUT_TOO_LARGE', `The file is larger than the limit of ${maxFileBytes} bytes.`, {
      setting: UPLOAD_LIMIT_SETTINGS.maxFileBytes,
      value: maxFileBytes,
    });
  }
}
