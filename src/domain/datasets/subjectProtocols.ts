import type { StorageClients } from '../../platform/storage/storageClients.js';
import type { QuestTimeline } from '../wesad/e4/questTimeline.js';
import { tableKeyOf } from '../../platform/storage/tableKeys.js';
import type { SelfReport } from '../wesad/e4/questSelfReports.js';

export const subjectsTable = 'subjects';

/** Stores a subject's protocol timeline and self-reports (from S{n}_quest.csv) as the subject's metadata. */
export async function storeSubjectProtocol(
  storage: StorageClients,
  subject: string,
  timeline: QuestTimeline & { selfReports: SelfReport[] },
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
      selfReportsJson: JSON.stringify(timeline.selfReports),
      sourceBlob: source.blobName,
      sourceEtag: source.etag,
      updatedAt: now.toISOString(),
    },
    'Replace',
  );
}
