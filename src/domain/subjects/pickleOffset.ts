import type { StorageClients } from '../../platform/storage/storageClients.js';
import { readWesadPickle } from '../wesad/pickle/wesadPickleReader.js';
import { alignPickleToExport } from '../wesad/e4/pickleAlignment.js';
import type { E4Recording } from '../wesad/e4/e4Recording.js';
import { isWesadInputError } from '../wesad/errors.js';
import { isStatus } from '../../platform/storage/restErrors.js';
import { number, SubjectRows, subjectRowKeys, text, type SubjectRow } from './subjectRows.js';
import type { StoredExport } from './storedExport.js';

/**
 * The offset the subject's pickle gives: its wrist EDA located in the export's EDA. The answer
 * (or the reason there is none) is kept per pickle and export (row e4-offset-pickle), so a 0.3 GB
 * pickle is read again only when one of them changes.
 */
export async function pickleAlignment(
  storage: StorageClients,
  subject: string,
  rows: Map<string, SubjectRow>,
  stored: StoredExport,
  exportRecording: () => Promise<E4Recording>,
  maxBytes: number,
  now: Date,
): Promise<{ offsetSeconds: number } | { problem: string }> {
  const pickle = rows.get(subjectRowKeys.pickle);
  const pickleSha256 = text(pickle, 'sha256');
  const cached = rows.get(subjectRowKeys.pickleOffset);
  if (
    pickleSha256 !== undefined &&
    text(cached, 'pickleSha256') === pickleSha256 &&
    text(cached, 'exportSha256') === stored.source.sha256
  ) {
    return answerOf(cached);
  }
  const answer = await locate(storage, pickle, exportRecording, maxBytes);
  await new SubjectRows(storage).put(subject, subjectRowKeys.pickleOffset, {
    pickleSha256: pickleSha256 ?? null,
    exportSha256: stored.source.sha256,
    ...answer,
    updatedAt: now.toISOString(),
  });
  return answer;
}

async function locate(
  storage: StorageClients,
  pickle: SubjectRow | undefined,
  exportRecording: () => Promise<E4Recording>,
  maxBytes: number,
): Promise<{ offsetSeconds: number; edaSample: number; matchedSamples: number } | { problem: string }> {
  const container = text(pickle, 'container');
  const blobName = text(pickle, 'blobName');
  const etag = text(pickle, 'blobEtag');
  if (container === undefined || blobName === undefined || etag === undefined) {
    return { problem: 'The stored pickle row is incomplete.' };
  }
  let download;
  try {
    download = await storage.blobs
      .getContainerClient(container)
      .getBlobClient(blobName)
      .download(0, undefined, { conditions: { ifMatch: etag } });
  } catch (error: unknown) {
    // Overwritten or erased since it was ingested: a new version is ingested through its own event.
    if (isStatus(error, 404, 412)) return { problem: `${blobName} changed after it was ingested.` };
    throw error;
  }
  if (download.readableStreamBody === undefined) return { problem: `${blobName} returned no body.` };
  try {
    const { recording } = await readWesadPickle(download.readableStreamBody as AsyncIterable<Uint8Array>, { maxBytes });
    return alignPickleToExport((await exportRecording()).wrist.EDA, recording.wrist.EDA);
  } catch (error: unknown) {
    if (isWesadInputError(error)) return { problem: `${error.code}: ${error.message}` };
    throw error;
  }
}

function answerOf(row: SubjectRow | undefined): { offsetSeconds: number } | { problem: string } {
  const offsetSeconds = number(row, 'offsetSeconds');
  if (offsetSeconds !== undefined) return { offsetSeconds };
  return { problem: text(row, 'problem') ?? 'The pickle could not be located in the export.' };
}
