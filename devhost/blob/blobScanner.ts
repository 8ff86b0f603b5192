import type { BlobServiceClient, ContainerClient } from '@azure/storage-blob';
import type { QueueClient } from '@azure/storage-queue';
import type { HostLogger } from '../core/functionCatalog.js';
import type { BlobReceipts } from './blobReceipts.js';
import { isStatus } from '../storage/restStatus.js';
import { encodeBlobTriggerMessage, functionIdOf, quotedEtag } from './blobTriggerMessage.js';

/** A function fed by the scan: a blob trigger's path pattern or an Event Grid subscription's container. */
export interface ScannedFunction {
  readonly name: string;
  readonly container: string;
  matches(blobName: string): boolean;
}

/**
 * Blob name clocks have one-second resolution and the cursor is taken before the listing, so
 * the next scan re-checks a short window; receipts make those re-checks harmless.
 */
const cursorOverlapMs = 2000;

/**
 * The container-scan half of the LogsAndContainerScan strategy (Azurite has no `$logs`), which
 * also stands in for Event Grid's BlobCreated deliveries: every
 * poll lists the watched containers, and each blob modified since the saved cursor gets a
 * receipt and a queue message per matching function. Uploads made while the host was down are
 * found because the cursor only moves once a scan has finished.
 */
export class BlobScanner {
  readonly #cursors = new Map<string, Date>();

  constructor(
    private readonly blobs: BlobServiceClient,
    private readonly hostContainer: ContainerClient,
    private readonly receipts: BlobReceipts,
    private readonly triggerQueue: QueueClient,
    private readonly functions: readonly ScannedFunction[],
    private readonly hostId: string,
    private readonly logger: HostLogger,
  ) {}

  get containers(): string[] {
    return [...new Set(this.functions.map((fn) => fn.container))];
  }

  /** One pass over every watched container; returns how many messages it enqueued. */
  async scanOnce(): Promise<number> {
    let enqueued = 0;
    for (const container of this.containers) {
      enqueued += await this.#scanContainer(container);
    }
    return enqueued;
  }

  async #scanContainer(container: string): Promise<number> {
    const startedAt = new Date();
    const cursor = await this.#cursor(container);
    const client = this.blobs.getContainerClient(container);
    await client.createIfNotExists();
    const watching = this.functions.filter((fn) => fn.container === container);
    let enqueued = 0;
    for await (const blob of client.listBlobsFlat()) {
      if (blob.properties.lastModified < cursor) continue;
      const etag = quotedEtag(blob.properties.etag);
      for (const fn of watching) {
        if (!fn.matches(blob.name)) continue;
        if (await this.#notify(fn.name, container, blob.name, etag)) enqueued++;
      }
    }
    await this.#saveCursor(container, new Date(startedAt.getTime() - cursorOverlapMs));
    return enqueued;
  }

  async #notify(functionName: string, container: string, blobName: string, etag: string): Promise<boolean> {
    const functionId = functionIdOf(functionName);
    const held = await this.receipts.tryBegin(this.receipts.receiptName(functionId, etag, container, blobName));
    if (held === undefined) return false;
    await this.triggerQueue.sendMessage(
      encodeBlobTriggerMessage({
        Type: 'BlobTrigger',
        FunctionId: functionId,
        BlobType: 'BlockBlob',
        ContainerName: container,
        BlobName: blobName,
        ETag: etag,
      }),
    );
    await this.receipts.complete(held);
    this.logger('information', 'system', `Blob ${container}/${blobName} (${etag}) queued for ${functionName}`);
    return true;
  }

  #cursorBlobName(container: string): string {
    const account = this.blobs.accountName;
    return `blobscaninfo/${this.hostId}/${account}/${container}/scanInfo`;
  }

  async #cursor(container: string): Promise<Date> {
    const known = this.#cursors.get(container);
    if (known !== undefined) return known;
    let cursor = new Date(0);
    try {
      const content = await this.hostContainer.getBlobClient(this.#cursorBlobName(container)).downloadToBuffer();
      const parsed = JSON.parse(content.toString('utf8')) as { LatestScan?: unknown };
      if (typeof parsed.LatestScan === 'string' && !Number.isNaN(Date.parse(parsed.LatestScan))) {
        cursor = new Date(parsed.LatestScan);
      }
    } catch (error: unknown) {
      // A missing cursor means "never scanned": start from the beginning.
      if (!isStatus(error, 404)) throw error;
    }
    this.#cursors.set(container, cursor);
    return cursor;
  }

  async #saveCursor(container: string, cursor: Date): Promise<void> {
    this.#cursors.set(container, cursor);
    const body = JSON.stringify({ LatestScan: cursor.toISOString() });
    await this.hostContainer.getBlockBlobClient(this.#cursorBlobName(container)).upload(body, Buffer.byteLength(body));
  }
}
