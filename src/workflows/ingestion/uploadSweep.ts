import type { StorageClients } from '../../platform/storage/storageClients.js';
import { containers } from '../../platform/storage/containers.js';
import type { CreatedBlob } from '../../domain/datasets/blobCreatedEvent.js';
import { UploadLedger, type UploadStatus } from '../../domain/datasets/uploadLedger.js';

/**
 * Event Grid raises BlobCreated only for blobs written after the subscription exists
 * ("Tutorial: Trigger Azure Functions on blob containers using an event subscription",
 * functions-event-grid-blob-trigger), so blobs uploaded before deployment finished, or while the
 * subscription was being replaced, are never delivered. The sweep finds every blob of wesad-raw
 * whose current version (ETag) has no upload row and hands it to the same ingestion path.
 */
export interface SweepReport {
  /** Blobs listed in the container. */
  listed: number;
  /** Versions that already had an upload row (ingested, waiting, failed, in progress): left alone. */
  known: number;
  /** Versions ingested by this sweep, with the status they reached. */
  ingested: { blobName: string; etag: string; status: UploadStatus }[];
  /** Versions without a row left for the next call because the time budget ran out. */
  remaining: number;
  complete: boolean;
}

export interface SweepOptions {
  /** The container swept; wesad-raw unless a test names its own. */
  container?: string;
  /** Count what a sweep would ingest, and ingest nothing. */
  dryRun?: boolean;
  /** Stop starting new ingestions after this long; the caller repeats the sweep for the rest. */
  timeBudgetMs: number;
  concurrency: number;
  now?: () => number;
}

/**
 * An HTTP-triggered function must answer within 230 s (functions-bindings-http-webhook-trigger,
 * "Limits"); the sweep stops starting work well before that and reports what remains.
 */
export const defaultSweepOptions: SweepOptions = { timeBudgetMs: 120_000, concurrency: 2 };

/**
 * Ingests every current blob version of wesad-raw that has no upload row, `concurrency` at a
 * time. Idempotent: a second sweep finds the rows the first one wrote and ingests nothing; a sweep
 * racing the Event Grid delivery of the same version is harmless because ingestion is.
 */
export async function sweepRawUploads(
  storage: StorageClients,
  ingest: (blob: CreatedBlob) => Promise<{ status: UploadStatus }>,
  options: SweepOptions = defaultSweepOptions,
): Promise<SweepReport> {
  const now = options.now ?? Date.now;
  const started = now();
  const ledger = new UploadLedger(storage);
  const containerName = options.container ?? containers.raw;
  const container = storage.blobs.getContainerClient(containerName);
  const missing: CreatedBlob[] = [];
  let listed = 0;
  if (await container.exists()) {
    for await (const item of container.listBlobsFlat()) {
      listed += 1;
      // The listing gives the bare ETag; a BlobCreated event's eTag carries the quotes (event-schema
      // example, and the local host's events), and the ledger and the read condition use that form.
      const etag = item.properties.etag.startsWith('"') ? item.properties.etag : `"${item.properties.etag}"`;
      const blob: CreatedBlob = {
        container: containerName,
        blobName: item.name,
        etag,
        contentLength: item.properties.contentLength ?? 0,
        url: container.getBlobClient(item.name).url,
      };
      if ((await ledger.get(blob)) === undefined) missing.push(blob);
    }
  }
  const ingested: SweepReport['ingested'] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (options.dryRun !== true && next < missing.length && now() - started < options.timeBudgetMs) {
      const blob = missing[next++];
      if (blob === undefined) return;
      const { status } = await ingest(blob);
      ingested.push({ blobName: blob.blobName, etag: blob.etag, status });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  // In the listing's order (by name, as the service sorts), whatever order the workers finished in.
  ingested.sort((a, b) => (a.blobName < b.blobName ? -1 : a.blobName > b.blobName ? 1 : 0));
  const remaining = missing.length - ingested.length;
  return { listed, known: listed - missing.length, ingested, remaining, complete: remaining === 0 };
}
