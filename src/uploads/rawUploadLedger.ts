import { createHash } from 'node:crypto';
import { RestError } from '@azure/storage-blob';
import { odata } from '@azure/data-tables';
import type { StorageClients } from '../storage/storageClients.js';

export const rawUploadsTable = 'rawuploads';

export interface RawUpload {
  container: string;
  blobName: string;
  etag: string;
  sizeBytes: number;
  sha256: string;
  recordedAt: string;
}

/** `etag` is the table SDK's own field on every entity, so the blob's ETag is stored as `blobEtag`. */
export interface RawUploadEntity {
  partitionKey: string;
  rowKey: string;
  container: string;
  blobName: string;
  blobEtag: string;
  sizeBytes: number;
  sha256: string;
  recordedAt: string;
}

/** Table keys may not hold '/', '\\', '#', '?' or control characters; blob names may. */
export function tableKeyOf(text: string): string {
  return encodeURIComponent(text);
}

export type RecordOutcome = { kind: 'recorded'; upload: RawUpload } | { kind: 'superseded'; reason: string };

/**
 * Streams one blob version, hashing as it goes (memory stays flat whatever the size), and records
 * it. A version that was overwritten or deleted meanwhile is skipped: its successor has its own event.
 */
export async function recordRawUploadFromBlob(
  storage: StorageClients,
  blob: { container: string; blobName: string; etag: string },
): Promise<RecordOutcome> {
  const client = storage.blobs.getContainerClient(blob.container).getBlobClient(blob.blobName);
  let sizeBytes = 0;
  const hash = createHash('sha256');
  try {
    const download = await client.download(0, undefined, { conditions: { ifMatch: blob.etag } });
    if (download.readableStreamBody === undefined) throw new Error('The blob download returned no stream.');
    for await (const chunk of download.readableStreamBody as AsyncIterable<Buffer>) {
      sizeBytes += chunk.length;
      hash.update(chunk);
    }
  } catch (error: unknown) {
    if (error instanceof RestError && (error.statusCode === 404 || error.statusCode === 412)) {
      return {
        kind: 'superseded',
        reason: `${blob.container}/${blob.blobName} ${blob.etag} is gone or was overwritten`,
      };
    }
    throw error;
  }
  const upload = await recordRawUpload(storage, { ...blob, sizeBytes, sha256: hash.digest('hex') });
  return { kind: 'recorded', upload };
}

/**
 * Records that a blob version arrived: one row per (blob, ETag), written with upsert so that a
 * redelivered trigger rewrites the same row rather than adding one.
 */
export async function recordRawUpload(
  storage: StorageClients,
  upload: Omit<RawUpload, 'recordedAt'>,
  now = new Date(),
): Promise<RawUpload> {
  const table = await storage.table(rawUploadsTable);
  const entity: RawUploadEntity = {
    partitionKey: tableKeyOf(`${upload.container}/${upload.blobName}`),
    rowKey: tableKeyOf(upload.etag.replaceAll('"', '')),
    container: upload.container,
    blobName: upload.blobName,
    blobEtag: upload.etag,
    sizeBytes: upload.sizeBytes,
    sha256: upload.sha256,
    recordedAt: now.toISOString(),
  };
  await table.upsertEntity(entity, 'Replace');
  return { ...upload, recordedAt: entity.recordedAt };
}

export async function listRawUploads(
  storage: StorageClients,
  container: string,
  blobName: string,
): Promise<RawUpload[]> {
  const table = await storage.table(rawUploadsTable);
  const rows: RawUpload[] = [];
  const partitionKey = tableKeyOf(`${container}/${blobName}`);
  for await (const entity of table.listEntities<RawUploadEntity>({
    queryOptions: { filter: odata`PartitionKey eq ${partitionKey}` },
  })) {
    rows.push({
      container: entity.container,
      blobName: entity.blobName,
      etag: entity.blobEtag,
      sizeBytes: entity.sizeBytes,
      sha256: entity.sha256,
      recordedAt: entity.recordedAt,
    });
  }
  return rows;
}
