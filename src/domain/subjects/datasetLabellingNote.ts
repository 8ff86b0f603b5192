import { odata } from '@azure/data-tables';
import type { StorageClients } from '../../platform/storage/storageClients.js';
import { datasetsTable } from '../datasets/datasetCatalog.js';
import type { LabellingNote } from '../datasets/labellingNote.js';
import { tableKeyOf } from '../../platform/storage/tableKeys.js';
import { isStatus } from '../../platform/storage/restErrors.js';

/**
 * Writes the subject's labelling status onto the dataset row of the export's unlabelled window
 * set, so the set's own record says what is missing. Under the row's ETag, and only when the
 * status is newer than the one already there, so a slower caller never puts back an older one.
 */
export async function annotateLabelling(
  storage: StorageClients,
  subject: string,
  status: {
    exportVersion: string;
    state: LabellingNote['state'];
    missing: string[];
    problems: string[];
    version: string | null;
    sequence: number;
  },
): Promise<void> {
  const table = await storage.table(datasetsTable);
  const note: LabellingNote = {
    state: status.state,
    missing: status.missing,
    problems: status.problems,
    labelledVersion: status.version,
    sequence: status.sequence,
  };
  for (let attempt = 0; attempt < 5; attempt += 1) {
    let current: { etag: string; labellingJson?: unknown } | undefined;
    for await (const entity of table.listEntities<{ labellingJson?: unknown }>({
      queryOptions: {
        filter: odata`PartitionKey eq ${tableKeyOf(subject)} and RowKey eq ${status.exportVersion}`,
      },
    })) {
      current = entity;
    }
    if (current === undefined) return;
    const previous =
      typeof current.labellingJson === 'string' ? (JSON.parse(current.labellingJson) as LabellingNote) : undefined;
    if (previous !== undefined && previous.sequence >= note.sequence) return;
    try {
      await table.updateEntity(
        { partitionKey: tableKeyOf(subject), rowKey: status.exportVersion, labellingJson: JSON.stringify(note) },
        'Merge',
        { etag: current.etag },
      );
      return;
    } catch (error: unknown) {
      // 412: the row changed since it was read (Update Entity, If-Match); read it again.
      if (!isStatus(error, 412)) throw error;
    }
  }
}
