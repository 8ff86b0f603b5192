import { odata, type TableClient } from '@azure/data-tables';
import type { StorageClients } from '../../platform/storage/storageClients.js';
import { isStatus } from '../../platform/storage/restErrors.js';
import { uploadsTable } from '../datasets/uploadLedger.js';
import { datasetsTable } from '../datasets/datasetCatalog.js';
import { subjectsTable } from '../datasets/subjectProtocols.js';
import { driftTable } from '../drift/driftHistory.js';

export interface RetentionReport {
  cutoff: string;
  uploadsDeleted: number;
  datasetsDeleted: number;
  subjectsDeleted: number;
  driftPointsDeleted: number;
}

/**
 * The storage lifecycle policy deletes raw and processed blobs after the retention period; this
 * deletes the table rows that describe them (uploads, window sets, subject protocols), which the
 * policy does not reach, and the drift series of predictions on such data, which ages with it.
 * Runs, the registry and the audit trail hold no signal data and are kept.
 */
export async function applyTableRetention(
  storage: StorageClients,
  retentionDays: number,
  now: Date,
): Promise<RetentionReport> {
  const cutoff = new Date(now.getTime() - retentionDays * 24 * 3600 * 1000).toISOString();
  return {
    cutoff,
    uploadsDeleted: await deleteOlderThan(await storage.table(uploadsTable), 'updatedAt', cutoff),
    datasetsDeleted: await deleteOlderThan(await storage.table(datasetsTable), 'createdAt', cutoff),
    subjectsDeleted: await deleteOlderThan(await storage.table(subjectsTable), 'updatedAt', cutoff),
    driftPointsDeleted: await deleteOlderThan(await storage.table(driftTable), 'createdAt', cutoff),
  };
}

async function deleteOlderThan(table: TableClient, column: 'updatedAt' | 'createdAt', cutoff: string): Promise<number> {
  let deleted = 0;
  const filter = column === 'updatedAt' ? odata`updatedAt lt ${cutoff}` : odata`createdAt lt ${cutoff}`;
  for await (const row of table.listEntities({ queryOptions: { filter, select: ['PartitionKey', 'RowKey'] } })) {
    try {
      await table.deleteEntity(row.partitionKey ?? '', row.rowKey ?? '');
      deleted++;
    } catch (error: unknown) {
      // Deleted meanwhile (an erasure, or another run of this timer): the goal is met.
      if (!isStatus(error, 404)) throw error;
    }
  }
  return deleted;
}
