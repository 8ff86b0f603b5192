import type { StorageClients } from '../../platform/storage/storageClients.js';
import { containers } from '../../platform/storage/containers.js';
import type { ProcessedWindowSet, WindowSetManifest } from '../wesad/preprocess/windowSetOutput.js';
import { unlessNotFound } from '../../platform/storage/restErrors.js';

export function windowSetPrefix(subject: string, version: string): string {
  return `${subject}/${version}/`;
}

/**
 * Writes a window set under wesad-processed/{subject}/{version}/. The path is the content hash,
 * so a retried write puts the same bytes at the same names; the manifest goes last and marks
 * the set complete for readers.
 */
export async function storeWindowSet(storage: StorageClients, set: ProcessedWindowSet): Promise<void> {
  const container = storage.blobs.getContainerClient(containers.processed);
  await container.createIfNotExists();
  const prefix = windowSetPrefix(set.subject, set.version);
  await Promise.all(
    set.files.map((file) =>
      container.getBlockBlobClient(`${prefix}${file.name}`).uploadData(file.data, {
        blobHTTPHeaders: { blobContentType: 'application/octet-stream' },
      }),
    ),
  );
  await container.getBlockBlobClient(`${prefix}manifest.json`).uploadData(set.manifestJson, {
    blobHTTPHeaders: { blobContentType: 'application/json' },
  });
}

export async function readWindowSetManifest(
  storage: StorageClients,
  subject: string,
  version: string,
): Promise<WindowSetManifest | undefined> {
  const blob = storage.blobs
    .getContainerClient(containers.processed)
    .getBlobClient(`${windowSetPrefix(subject, version)}manifest.json`);
  const content = await unlessNotFound(() => blob.downloadToBuffer());
  return content === undefined ? undefined : (JSON.parse(content.toString('utf8')) as WindowSetManifest);
}

/** One array of a window set, e.g. EDA.npy, as stored. */
export async function readWindowSetFile(
  storage: StorageClients,
  subject: string,
  version: string,
  name: string,
): Promise<Buffer> {
  return storage.blobs
    .getContainerClient(containers.processed)
    .getBlobClient(`${windowSetPrefix(subject, version)}${name}`)
    .downloadToBuffer();
}
