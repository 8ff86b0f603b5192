import type { ContainerClient } from '@azure/storage-blob';
import { isStatus } from '../../platform/storage/restErrors.js';
import type { ChainLink } from './auditRecords.js';
import { checkpointBlobName, parseCheckpointBlobName, type AuditCheckpoint } from './auditCheckpoint.js';

/**
 * The container the audit chain's checkpoints go to. In Azure it carries a time-based retention
 * (WORM) policy (infra/modules/storage.bicep, `auditCheckpoints`): a checkpoint can be neither
 * overwritten nor deleted until its retention ends, whoever asks. Locally the same blobs go to
 * Azurite, which does not enforce immutability policies: there a checkpoint can be deleted, and
 * the anchor is only as good as the storage underneath it.
 */
export const auditCheckpointContainer = 'audit-checkpoints';

export interface ListedCheckpoint extends ChainLink {
  blob: string;
}

export class AuditCheckpointStore {
  constructor(private readonly container: ContainerClient) {}

  /**
   * Every checkpoint by name, oldest first. The blob service returns names in lexicographical
   * order ("List Blobs", Azure Storage REST API), which the zero-padded sequence makes sequence
   * order; foreign names in the container are skipped.
   */
  async list(): Promise<ListedCheckpoint[]> {
    const listed: ListedCheckpoint[] = [];
    try {
      for await (const blob of this.container.listBlobsFlat({ prefix: 'checkpoints/' })) {
        const link = parseCheckpointBlobName(blob.name);
        if (link !== undefined) listed.push({ ...link, blob: blob.name });
      }
    } catch (error: unknown) {
      if (isStatus(error, 404)) return [];
      throw error;
    }
    return listed;
  }

  /** The blob's JSON, or undefined when it is not JSON (a verification then reports it as invalid). */
  async read(blob: string): Promise<unknown> {
    const content = await this.container.getBlobClient(blob).downloadToBuffer();
    try {
      return JSON.parse(content.toString('utf8')) as unknown;
    } catch {
      return undefined;
    }
  }

  /**
   * Writes the checkpoint once: If-None-Match: * makes a second write of the same name a 409
   * (as WORM would refuse the overwrite anyway), so a retried timer run changes nothing.
   */
  async write(checkpoint: AuditCheckpoint): Promise<{ blob: string; written: boolean }> {
    const blob = checkpointBlobName({ sequence: checkpoint.sequence, hash: checkpoint.headHash });
    const body = JSON.stringify(checkpoint);
    await this.container.createIfNotExists();
    try {
      await this.container.getBlockBlobClient(blob).upload(body, Buffer.byteLength(body), {
        conditions: { ifNoneMatch: '*' },
        blobHTTPHeaders: { blobContentType: 'application/json' },
      });
      return { blob, written: true };
    } catch (error: unknown) {
      if (isStatus(error, 409)) return { blob, written: false };
      throw error;
    }
  }
}
