import { odata, type TableClient } from '@azure/data-tables';
import type { StorageClients } from '../../platform/storage/storageClients.js';
import { tableKeyOf } from '../../platform/storage/tableKeys.js';
import { naturallySortedPage } from '../../platform/storage/naturalPages.js';
import type { UploadKind } from './uploadKind.js';

export const uploadsTable = 'uploads';

/**
 * `waiting`: loose E4 CSVs until all four signals are there; `superseded`: overwritten before it
 * was read; `ignored`: a known file that is deliberately not read (E4 side files), with the reason.
 */
export const uploadStatuses = ['processing', 'waiting', 'ready', 'failed', 'superseded', 'ignored'] as const;
export type UploadStatus = (typeof uploadStatuses)[number];

/** The ingestion state of one upload: one row per blob version, so a retry rewrites its own row. */
export interface UploadRecord {
  container: string;
  blobName: string;
  etag: string;
  kind: UploadKind['kind'];
  status: UploadStatus;
  sizeBytes: number;
  sha256: string | null;
  subject: string | null;
  version: string | null;
  /** Stable code of the refusal (e.g. FORBIDDEN_GLOBAL) when failed. */
  errorCode: string | null;
  reason: string | null;
  attempts: number;
  updatedAt: string;
}

interface UploadEntity extends Omit<UploadRecord, 'etag'> {
  partitionKey: string;
  rowKey: string;
  /** `etag` is the table SDK's own field on every entity, so the blob's ETag is stored as `blobEtag`. */
  blobEtag: string;
}

export interface UploadIdentity {
  container: string;
  blobName: string;
  etag: string;
}

function keysOf(upload: UploadIdentity): { partitionKey: string; rowKey: string } {
  return {
    partitionKey: tableKeyOf(`${upload.container}/${upload.blobName}`),
    rowKey: tableKeyOf(upload.etag.replaceAll('"', '')),
  };
}

export class UploadLedger {
  constructor(private readonly storage: StorageClients) {}

  async #table(): Promise<TableClient> {
    return this.storage.table(uploadsTable);
  }

  async get(upload: UploadIdentity): Promise<UploadRecord | undefined> {
    const { partitionKey, rowKey } = keysOf(upload);
    const table = await this.#table();
    for await (const entity of table.listEntities<UploadEntity>({
      queryOptions: { filter: odata`PartitionKey eq ${partitionKey} and RowKey eq ${rowKey}` },
    })) {
      return recordOf(entity);
    }
    return undefined;
  }

  /** Writes the row for this upload version whole; the same state written twice is one row. */
  async put(record: UploadRecord): Promise<void> {
    const { etag, ...rest } = record;
    const entity: UploadEntity = { ...keysOf(record), ...rest, blobEtag: etag };
    await (await this.#table()).upsertEntity(entity, 'Replace');
  }

  async listForBlob(container: string, blobName: string): Promise<UploadRecord[]> {
    const table = await this.#table();
    const partitionKey = tableKeyOf(`${container}/${blobName}`);
    const rows: UploadRecord[] = [];
    for await (const entity of table.listEntities<UploadEntity>({
      queryOptions: { filter: odata`PartitionKey eq ${partitionKey}` },
    })) {
      rows.push(recordOf(entity));
    }
    return rows;
  }

  /** Every upload attributed to a subject (a scan filtered on the service: uploads are keyed by blob). */
  async listForSubject(subject: string): Promise<UploadRecord[]> {
    const table = await this.#table();
    const rows: UploadRecord[] = [];
    for await (const entity of table.listEntities<UploadEntity>({
      queryOptions: { filter: odata`subject eq ${subject}` },
    })) {
      rows.push(recordOf(entity));
    }
    return rows;
  }

  /**
   * One page of uploads, optionally of one status, in natural order of their names (S2/… before
   * S10/…), with the token for the next page.
   */
  async page(
    pageSize: number,
    continuationToken: string | undefined,
    status: UploadStatus | undefined,
  ): Promise<{ items: UploadRecord[]; continuationToken: string | undefined }> {
    const table = await this.#table();
    const entities = table.listEntities<UploadEntity>(
      status === undefined ? {} : { queryOptions: { filter: odata`status eq ${status}` } },
    );
    return naturallySortedPage(
      records(entities),
      (row) => [row.container, row.blobName, row.updatedAt, row.etag],
      pageSize,
      continuationToken,
    );
  }
}

async function* records(entities: AsyncIterable<UploadEntity>): AsyncIterable<UploadRecord> {
  for await (const entity of entities) yield recordOf(entity);
}

function recordOf(entity: UploadEntity): UploadRecord {
  return {
    container: entity.container,
    blobName: entity.blobName,
    etag: entity.blobEtag,
    kind: entity.kind,
    status: entity.status,
    sizeBytes: entity.sizeBytes,
    sha256: entity.sha256 ?? null,
    subject: entity.subject ?? null,
    version: entity.version ?? null,
    errorCode: entity.errorCode ?? null,
    reason: entity.reason ?? null,
    attempts: entity.attempts,
    updatedAt: entity.updatedAt,
  };
}
