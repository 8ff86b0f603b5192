import type { StorageClients } from '../../platform/storage/storageClients.js';
import { DatasetCatalog, type DatasetRecord } from '../datasets/datasetCatalog.js';
import { UploadLedger, type UploadRecord } from '../datasets/uploadLedger.js';
import type { ProtocolPhase } from '../wesad/e4/questTimeline.js';
import type { SelfReport } from '../wesad/e4/questSelfReports.js';
import { labellingStatusOf, storedExportOf, type E4LabellingStatus } from './e4Labelling.js';
import { json, number, SubjectRows, subjectRowKeys, text, type SubjectRow } from './subjectRows.js';
import { naturalCompare } from '../../platform/naturalOrder.js';

/** Everything stored about a subject, as GET /subjects/{subject} answers. */
export interface SubjectRecord {
  subject: string;
  /** From S{n}_quest.csv: the conditions in their order with start and end (seconds from the chest start), and the self-reports. */
  protocol: {
    phases: ProtocolPhase[];
    selfReports: SelfReport[];
    sourceBlob: string | null;
    updatedAt: string | null;
  } | null;
  e4: {
    /** The newest E4 export ingested and its unlabelled window set. */
    export: { kind: string; sourceName: string; unlabelledVersion: string; startUnix: number } | null;
    /** What is known of the offset between the E4's clock and the chest device's, by source. */
    offsets: {
      stated: { offsetSeconds: number; reason: string | null; actor: string | null; updatedAt: string | null } | null;
      pickle: { offsetSeconds: number | null; problem: string | null } | null;
      respiban: {
        chestStartUnix: number;
        localDate: string | null;
        localTime: string | null;
        timeZone: string | null;
      } | null;
    };
    labelling: E4LabellingStatus | null;
  };
  pickle: { blobName: string | null; sha256: string | null; updatedAt: string | null } | null;
  datasets: DatasetRecord[];
  uploads: UploadRecord[];
}

/** The subject's stored rows, window sets and uploads, or undefined when nothing is stored. */
export async function readSubjectRecord(storage: StorageClients, subject: string): Promise<SubjectRecord | undefined> {
  const rows = await new SubjectRows(storage).all(subject);
  const datasets = await allDatasets(storage, subject);
  const uploads = (await new UploadLedger(storage).listForSubject(subject)).sort((a, b) =>
    naturalCompare(a.blobName, b.blobName),
  );
  if (rows.size === 0 && datasets.length === 0 && uploads.length === 0) return undefined;
  return {
    subject,
    protocol: protocolOf(rows.get(subjectRowKeys.protocol)),
    e4: {
      export: exportOf(rows.get(subjectRowKeys.e4Export)),
      offsets: {
        stated: statedOf(rows.get(subjectRowKeys.statedOffset)),
        pickle: pickleOffsetOf(rows.get(subjectRowKeys.pickleOffset)),
        respiban: respibanOf(rows.get(subjectRowKeys.chestStart)),
      },
      labelling: labellingStatusOf(rows.get(subjectRowKeys.labelling)),
    },
    pickle: rowOrNull(rows.get(subjectRowKeys.pickle), (row) => ({
      blobName: text(row, 'blobName') ?? null,
      sha256: text(row, 'sha256') ?? null,
      updatedAt: text(row, 'updatedAt') ?? null,
    })),
    datasets,
    uploads,
  };
}

async function allDatasets(storage: StorageClients, subject: string): Promise<DatasetRecord[]> {
  const catalog = new DatasetCatalog(storage);
  const items: DatasetRecord[] = [];
  let token: string | undefined;
  do {
    const page = await catalog.page(1000, token, { subject });
    items.push(...page.items);
    token = page.continuationToken;
  } while (token !== undefined);
  return items.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.version.localeCompare(b.version));
}

function rowOrNull<T>(row: SubjectRow | undefined, read: (row: SubjectRow) => T): T | null {
  return row === undefined ? null : read(row);
}

function protocolOf(row: SubjectRow | undefined): SubjectRecord['protocol'] {
  return rowOrNull(row, (r) => ({
    phases: (json(r, 'phasesJson') as ProtocolPhase[] | undefined) ?? [],
    selfReports: (json(r, 'selfReportsJson') as SelfReport[] | undefined) ?? [],
    sourceBlob: text(r, 'sourceBlob') ?? null,
    updatedAt: text(r, 'updatedAt') ?? null,
  }));
}

function exportOf(row: SubjectRow | undefined): SubjectRecord['e4']['export'] {
  return rowOrNull(row, (r) => {
    const stored = storedExportOf(r);
    return {
      kind: stored.kind,
      sourceName: stored.source.name,
      unlabelledVersion: stored.unlabelledVersion,
      startUnix: stored.startUnix,
    };
  });
}

function statedOf(row: SubjectRow | undefined): SubjectRecord['e4']['offsets']['stated'] {
  const offsetSeconds = number(row, 'offsetSeconds');
  if (row === undefined || offsetSeconds === undefined) return null;
  return {
    offsetSeconds,
    reason: text(row, 'reason') ?? null,
    actor: text(row, 'actor') ?? null,
    updatedAt: text(row, 'updatedAt') ?? null,
  };
}

function pickleOffsetOf(row: SubjectRow | undefined): SubjectRecord['e4']['offsets']['pickle'] {
  return rowOrNull(row, (r) => ({
    offsetSeconds: number(r, 'offsetSeconds') ?? null,
    problem: text(r, 'problem') ?? null,
  }));
}

function respibanOf(row: SubjectRow | undefined): SubjectRecord['e4']['offsets']['respiban'] {
  const chestStartUnix = number(row, 'startUnix');
  if (row === undefined || chestStartUnix === undefined) return null;
  return {
    chestStartUnix,
    localDate: text(row, 'localDate') ?? null,
    localTime: text(row, 'localTime') ?? null,
    timeZone: text(row, 'timeZone') ?? null,
  };
}
