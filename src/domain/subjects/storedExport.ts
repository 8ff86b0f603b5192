import type { StorageClients } from '../../platform/storage/storageClients.js';
import { readE4Csvs, readE4Zip, type E4Recording } from '../wesad/e4/e4Recording.js';
import { readLimits } from '../wesad/ingestE4.js';
import type { SourceDescription } from '../wesad/preprocess/windowSetOutput.js';

/** Where a subject's newest E4 export lies in the raw container, and what was made of it. */
export interface StoredExport {
  container: string;
  kind: 'e4-zip' | 'e4-csv';
  /** The zip, or the four signal CSVs (`file` is ACC.csv, BVP.csv, EDA.csv or TEMP.csv), at the versions ingested. */
  blobs: { name: string; etag: string; file: string }[];
  source: SourceDescription;
  unlabelledVersion: string;
  startUnix: number;
}

/**
 * Reads the export again, at exactly the blob versions that were ingested (If-Match): a blob
 * overwritten since fails with 412, and its new version is ingested through its own event.
 */
export async function readStoredExport(
  storage: StorageClients,
  stored: StoredExport,
  maxBytes: number,
): Promise<E4Recording> {
  const limits = readLimits({ sourceName: stored.container, maxBytes });
  const container = storage.blobs.getContainerClient(stored.container);
  const download = (blob: { name: string; etag: string }) =>
    container.getBlobClient(blob.name).downloadToBuffer(0, undefined, { conditions: { ifMatch: blob.etag } });
  if (stored.kind === 'e4-zip') {
    const [zip] = stored.blobs;
    if (zip === undefined) throw new Error('A stored E4 zip export names no blob.');
    return (await readE4Zip([await download(zip)], limits)).recording;
  }
  const files = new Map<string, Uint8Array[]>();
  for (const blob of stored.blobs) files.set(blob.file, [await download(blob)]);
  return readE4Csvs(files, limits);
}
