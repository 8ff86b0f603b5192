import type { StorageClients } from '../../platform/storage/storageClients.js';
import { tableKeyOf } from '../../platform/storage/tableKeys.js';
import { unlessNotFound } from '../../platform/storage/restErrors.js';

/**
 * The change stamp of run search: one row per experiment that every write to a run of that
 * experiment replaces after the run's row is written (RunStore). The row holds nothing a reader
 * needs; its ETag is the stamp. The table service gives an entity a new ETag on every insert or
 * replace ("Insert Or Replace Entity", Microsoft Learn, Azure Storage REST API), so a reader that
 * finds the ETag it saw last knows no write completed since, and one that finds another knows
 * it must refresh. The row is replaced unconditionally: it is shared by every writer of the
 * experiment, but there is no state in it to lose, and concurrent writers each leave a new ETag,
 * so no writer waits on another (an ETag-conditioned counter would make 20 writers retry).
 */
export const runSearchTable = 'runsearch';
const stampRowKey = 'stamp';

/** The stamp of an experiment no new-style write has touched yet (runs written before the projection). */
export const noStamp = 'none';

export async function stampRunSearch(storage: StorageClients, experiment: string): Promise<void> {
  const table = await storage.table(runSearchTable);
  await table.upsertEntity(
    { partitionKey: tableKeyOf(experiment), rowKey: stampRowKey, changedAt: new Date().toISOString() },
    'Replace',
  );
}

export async function readRunSearchStamp(storage: StorageClients, experiment: string): Promise<string> {
  const table = await storage.table(runSearchTable);
  const row = await unlessNotFound(() => table.getEntity(tableKeyOf(experiment), stampRowKey));
  return row?.etag ?? noStamp;
}
