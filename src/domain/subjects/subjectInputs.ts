import type { StorageClients } from '../../platform/storage/storageClients.js';
import type { WindowSetManifest } from '../wesad/preprocess/windowSetOutput.js';
import type { ChestStart } from '../wesad/e4/respibanHeader.js';
import { SubjectRows, subjectRowKeys } from './subjectRows.js';
import type { StoredExport } from './storedExport.js';

/**
 * The facts ingestion records about a subject's recordings, each the newest of its kind, for
 * the E4 labelling to combine (src/subjects/e4Labelling.ts). Every write is whole and derived
 * from the upload, so a retried ingestion writes the same row again.
 */

export async function recordE4Export(
  storage: StorageClients,
  manifest: WindowSetManifest,
  where: { container: string; kind: StoredExport['kind']; blobs: StoredExport['blobs'] },
  now: Date,
): Promise<void> {
  const startUnix = manifest.details.startUnix;
  if (typeof startUnix !== 'number') throw new Error('An E4 window set manifest has no startUnix.');
  await new SubjectRows(storage).put(manifest.subject, subjectRowKeys.e4Export, {
    container: where.container,
    kind: where.kind,
    blobsJson: JSON.stringify(where.blobs),
    sourceJson: JSON.stringify(manifest.source),
    unlabelledVersion: manifest.version,
    startUnix,
    updatedAt: now.toISOString(),
  });
}

export async function recordPickle(
  storage: StorageClients,
  subject: string,
  blob: { container: string; blobName: string; etag: string; sha256: string },
  now: Date,
): Promise<void> {
  // `etag` is the table SDK's own field on every entity, so the blob's is stored as `blobEtag`.
  const { etag, ...rest } = blob;
  await new SubjectRows(storage).put(subject, subjectRowKeys.pickle, {
    ...rest,
    blobEtag: etag,
    updatedAt: now.toISOString(),
  });
}

export async function recordChestStart(
  storage: StorageClients,
  subject: string,
  start: ChestStart,
  blob: { blobName: string; etag: string },
  now: Date,
): Promise<void> {
  await new SubjectRows(storage).put(subject, subjectRowKeys.chestStart, {
    startUnix: start.startUnix,
    localDate: start.localDate,
    localTime: start.localTime,
    timeZone: start.timeZone,
    sourceBlob: blob.blobName,
    sourceEtag: blob.etag,
    updatedAt: now.toISOString(),
  });
}

/** The offset a Researcher states; it wins over the pickle's and the chest header's. */
export async function recordStatedOffset(
  storage: StorageClients,
  subject: string,
  stated: { offsetSeconds: number; reason: string; actor: string },
  now: Date,
): Promise<void> {
  await new SubjectRows(storage).put(subject, subjectRowKeys.statedOffset, { ...stated, updatedAt: now.toISOString() });
}
