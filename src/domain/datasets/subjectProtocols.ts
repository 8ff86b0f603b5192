import type { StorageClients } from '../../platform/storage/storageClients.js';
import type { QuestTimeline } from '../wesad/e4/questTimeline.js';
import { tableKeyOf } from '../../platform/storage/tableKeys.js';

export const subjectsTable = 'subjects';

/** Stores a subject's protocol timeline (from S{n}_quest.csv) as the subject's metadata. */
export async function storeSubjectProtocol(
  storage: StorageClients,
  subject: string,
  timeline: QuestTimeline,
  source: { blobName: string; etag: string },
  now: Date,
): Promise<void> {
  const table = await storage.table(subjectsTable);
  await table.upsertEntity(
    {
      partitionKey: tableKeyOf(subject),
      rowKey: 'protocol',
      subject,
      phasesJson: JSON.stringify(timeline.phases),
      sourceBlob: source.blobName,
      sourceEtag: source.etag,
      updatedAt: now.toISOString(),
    },
    'Replace',
  );
}
