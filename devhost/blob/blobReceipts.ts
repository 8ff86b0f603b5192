import type { BlobLeaseClient, ContainerClient } from '@azure/storage-blob';
import { isStatus } from '../storage/restStatus.js';

const incompleteKey = 'incomplete';
const leaseSeconds = 30;

export interface HeldReceipt {
  readonly lease: BlobLeaseClient;
  readonly blobName: string;
}

/**
 * Receipts record that a blob version (ETag) was handed to a function, as the blob extension's
 * BlobReceiptManager does: created incomplete, completed once the trigger message is enqueued.
 * An incomplete receipt left by a crash is picked up again by the next scan.
 */
export class BlobReceipts {
  constructor(
    private readonly hostContainer: ContainerClient,
    private readonly hostId: string,
  ) {}

  receiptName(functionId: string, etag: string, container: string, blobName: string): string {
    return `blobreceipts/${this.hostId}/${functionId}/${etag.replaceAll('"', '')}/${container}/${blobName}`;
  }

  /** A held lease when this caller must enqueue the version, undefined when it was already handled. */
  async tryBegin(receiptName: string): Promise<HeldReceipt | undefined> {
    const receipt = this.hostContainer.getBlockBlobClient(receiptName);
    try {
      await receipt.upload('', 0, {
        conditions: { ifNoneMatch: '*' },
        metadata: { [incompleteKey]: 'Incomplete' },
      });
    } catch (error: unknown) {
      if (!isStatus(error, 409, 412)) throw error;
      const properties = await receipt.getProperties();
      if (properties.metadata?.[incompleteKey] === undefined) return undefined;
    }
    const lease = receipt.getBlobLeaseClient();
    try {
      await lease.acquireLease(leaseSeconds);
    } catch (error: unknown) {
      // Another scanner holds it and will enqueue.
      if (isStatus(error, 409)) return undefined;
      throw error;
    }
    const properties = await receipt.getProperties();
    if (properties.metadata?.[incompleteKey] === undefined) {
      await lease.releaseLease();
      return undefined;
    }
    return { lease, blobName: receiptName };
  }

  async complete(held: HeldReceipt): Promise<void> {
    const receipt = this.hostContainer.getBlockBlobClient(held.blobName);
    await receipt.setMetadata({}, { conditions: { leaseId: held.lease.leaseId } });
    await held.lease.releaseLease();
  }
}
