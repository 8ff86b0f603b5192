import { odata, type TableClient } from '@azure/data-tables';
import type { StorageClients } from '../../platform/storage/storageClients.js';
import { tableKeyOf } from '../../platform/storage/tableKeys.js';
import { isStatus } from '../../platform/storage/restErrors.js';
import { subjectsTable } from '../datasets/subjectProtocols.js';

/**
 * A subject's rows in the table `subjects` (one partition per subject, so erasure and retention
 * treat them with the protocol row): what is known of the subject's recordings, one row each.
 */
export const subjectRowKeys = {
  protocol: 'protocol',
  /** The newest E4 export ingested: its blobs and the unlabelled set made from it. */
  e4Export: 'e4-export',
  /** The newest subject pickle ingested (its wrist EDA locates the synchronised segment). */
  pickle: 'pickle',
  /** The chest device's start, from S{n}_respiban.txt. */
  chestStart: 'chest-start',
  /** The offset a Researcher stated. */
  statedOffset: 'e4-offset-stated',
  /** The offset found by locating the pickle in the export, for that pickle and export. */
  pickleOffset: 'e4-offset-pickle',
  /** Whether the E4 export is labelled, and what is missing if not. */
  labelling: 'e4-labelling',
} as const;

export type SubjectRowKey = (typeof subjectRowKeys)[keyof typeof subjectRowKeys];

/** What is written to a row: any properties, and always when (for table retention). */
export type RowValues = Record<string, unknown> & { updatedAt: string };

/** A stored row: its properties as written, and its ETag for a conditional update. */
export interface SubjectRow {
  rowKey: string;
  etag: string;
  values: Record<string, unknown>;
}

export class SubjectRows {
  constructor(private readonly storage: StorageClients) {}

  async #table(): Promise<TableClient> {
    return this.storage.table(subjectsTable);
  }

  /** Every row of the subject, by row key. */
  async all(subject: string): Promise<Map<string, SubjectRow>> {
    const table = await this.#table();
    const rows = new Map<string, SubjectRow>();
    for await (const entity of table.listEntities({
      queryOptions: { filter: odata`PartitionKey eq ${tableKeyOf(subject)}` },
    })) {
      const { partitionKey: _partition, rowKey, etag, timestamp: _timestamp, ...values } = entity;
      if (rowKey !== undefined) rows.set(rowKey, { rowKey, etag, values });
    }
    return rows;
  }

  /**
   * Writes a row whole; the same content written twice is the same row (retries are harmless).
   * Every row carries `updatedAt`: table retention deletes the subject rows older than its cutoff.
   */
  async put(subject: string, rowKey: SubjectRowKey, values: RowValues): Promise<void> {
    const table = await this.#table();
    await table.upsertEntity({ partitionKey: tableKeyOf(subject), rowKey, ...values }, 'Replace');
  }

  /**
   * Writes a row only if it is still as read (`etag`), or does not exist yet (`etag` undefined).
   * Returns false when someone else changed it meanwhile, so the caller can look again.
   */
  async putIfUnchanged(
    subject: string,
    rowKey: SubjectRowKey,
    etag: string | undefined,
    values: RowValues,
  ): Promise<boolean> {
    const table = await this.#table();
    const entity = { partitionKey: tableKeyOf(subject), rowKey, ...values };
    try {
      if (etag === undefined) await table.createEntity(entity);
      else await table.updateEntity(entity, 'Replace', { etag });
      return true;
    } catch (error: unknown) {
      // 409: created meanwhile (Insert Entity); 412: changed since read, 404: deleted (Update Entity).
      if (isStatus(error, 404, 409, 412)) return false;
      throw error;
    }
  }
}

/** A row's string property, or undefined. */
export function text(row: SubjectRow | undefined, name: string): string | undefined {
  const value = row?.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A row's numeric property, or undefined. */
export function number(row: SubjectRow | undefined, name: string): number | undefined {
  const value = row?.values[name];
  return typeof value === 'number' ? value : undefined;
}

/** A row's JSON-encoded property, parsed, or undefined. */
export function json(row: SubjectRow | undefined, name: string): unknown {
  const value = text(row, name);
  return value === undefined ? undefined : (JSON.parse(value) as unknown);
}
