import { createHash } from 'node:crypto';
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

export function sha256Hex(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
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
