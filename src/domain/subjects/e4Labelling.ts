import type { StorageClients } from '../../platform/storage/storageClients.js';
import { isStatus } from '../../platform/storage/restErrors.js';
import { DatasetCatalog, datasetRecordOf } from '../datasets/datasetCatalog.js';
import { storeWindowSet } from '../datasets/windowSetStore.js';
import type { ProtocolPhase } from '../wesad/e4/questTimeline.js';
import type { E4Recording } from '../wesad/e4/e4Recording.js';
import { labelledE4WindowSet, type E4Offset } from '../wesad/labelE4.js';
import type { PreprocessingFormat } from '../wesad/preprocess/parameters.js';
import type { SourceDescription } from '../wesad/preprocess/windowSetOutput.js';
import { isWesadInputError } from '../wesad/errors.js';
import { json, number, SubjectRows, subjectRowKeys, text, type RowValues, type SubjectRow } from './subjectRows.js';
import { pickleAlignment } from './pickleOffset.js';
import { readStoredExport, type StoredExport } from './storedExport.js';
import { annotateLabelling } from './datasetLabellingNote.js';

/** Whether a subject's E4 export is a labelled window set, and if not, what is missing. */
export interface E4LabellingStatus {
  state: 'labelled' | 'unlabelled';
  /** The unlabelled window set of the export this is about. */
  exportVersion: string;
  /** What has to be uploaded or stated before the export can be labelled (empty when labelled). */
  missing: string[];
  /** Why an offset source that was there could not be used (e.g. an ambiguous pickle match). */
  problems: string[];
  /** The labelled window set, when labelled. */
  version: string | null;
  offset: E4Offset | null;
  /** Increases with every change, so an older status never overwrites a newer one elsewhere. */
  sequence: number;
  updatedAt: string;
}

export interface LabellingSettings {
  format: PreprocessingFormat;
  maxBytes: number;
  now: () => Date;
}

/** Rounds of reading and conditionally writing before giving up on a subject that keeps changing. */
const MAX_ATTEMPTS = 5;

/**
 * Brings a subject's E4 labelling up to date with what is stored: when the export, the protocol
 * (quest file) and the offset between the E4's and the chest device's clocks are all known, the
 * export becomes a labelled window set; otherwise the status says what is missing. Called after
 * every upload that can change the answer and after an offset is stated. The status row is
 * written under its ETag, and every input row is written before this reads, so of two racing
 * calls the one that saw less finds the row changed, looks again and sees everything.
 */
export async function updateE4Labelling(
  storage: StorageClients,
  subject: string,
  settings: LabellingSettings,
): Promise<E4LabellingStatus | undefined> {
  const store = new SubjectRows(storage);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const rows = await store.all(subject);
    const exportRow = rows.get(subjectRowKeys.e4Export);
    if (exportRow === undefined) return undefined;
    const previous = rows.get(subjectRowKeys.labelling);
    const decided = await decide(storage, subject, rows, exportRow, settings);
    const status: E4LabellingStatus = {
      ...decided,
      sequence: (number(previous, 'sequence') ?? 0) + 1,
      updatedAt: settings.now().toISOString(),
    };
    if (await store.putIfUnchanged(subject, subjectRowKeys.labelling, previous?.etag, labellingValues(status))) {
      await annotateLabelling(storage, subject, status);
      return status;
    }
  }
  throw new Error(`The rows of subject ${subject} kept changing while its E4 labelling was updated.`);
}

type Decision = Omit<E4LabellingStatus, 'sequence' | 'updatedAt'>;

async function decide(
  storage: StorageClients,
  subject: string,
  rows: Map<string, SubjectRow>,
  exportRow: SubjectRow,
  settings: LabellingSettings,
): Promise<Decision> {
  const stored = storedExportOf(exportRow);
  const base = { exportVersion: stored.unlabelledVersion, version: null, offset: null };
  let recording: E4Recording | undefined;
  const exportRecording = async (): Promise<E4Recording> =>
    (recording ??= await readStoredExport(storage, stored, settings.maxBytes));
  try {
    const phases = json(rows.get(subjectRowKeys.protocol), 'phasesJson') as ProtocolPhase[] | undefined;
    const { offset, problems } = await resolveOffset(storage, subject, rows, stored, exportRecording, settings);
    const missing = [
      ...(phases === undefined ? [`the protocol: upload ${subject}/${subject}_quest.csv`] : []),
      ...(offset === undefined
        ? [
            `the offset between the E4 and the chest device clocks: upload ${subject}/${subject}.pkl ` +
              `(its wrist EDA is located in the export), ${subject}/${subject}_respiban.txt (its start time), ` +
              `or state it with PUT /api/subjects/${subject}/e4-offset`,
          ]
        : []),
    ];
    if (phases === undefined || offset === undefined) return { ...base, state: 'unlabelled', missing, problems };
    const set = labelledE4WindowSet(await exportRecording(), phases, offset, {
      subject,
      source: stored.source,
      parameters: { format: settings.format },
      warnings: (await exportRecording()).warnings,
    });
    await storeWindowSet(storage, set);
    await new DatasetCatalog(storage).add(datasetRecordOf(set.manifest, settings.now()));
    return { ...base, state: 'labelled', missing: [], problems, version: set.version, offset };
  } catch (error: unknown) {
    // The export was overwritten after it was ingested: its new version has an event of its own.
    if (isStatus(error, 404, 412)) {
      return {
        ...base,
        state: 'unlabelled',
        missing: ['the E4 export, which changed after it was ingested'],
        problems: [],
      };
    }
    if (isWesadInputError(error)) {
      return { ...base, state: 'unlabelled', missing: [], problems: [`${error.code}: ${error.message}`] };
    }
    throw error;
  }
}

/** The offset to use: stated by a Researcher, else found from the pickle, else from the chest device's header. */
async function resolveOffset(
  storage: StorageClients,
  subject: string,
  rows: Map<string, SubjectRow>,
  stored: StoredExport,
  exportRecording: () => Promise<E4Recording>,
  settings: LabellingSettings,
): Promise<{ offset: E4Offset | undefined; problems: string[] }> {
  const problems: string[] = [];
  const stated = number(rows.get(subjectRowKeys.statedOffset), 'offsetSeconds');
  if (stated !== undefined) return { offset: { offsetSeconds: stated, source: 'stated' }, problems };
  if (rows.has(subjectRowKeys.pickle)) {
    const found = await pickleAlignment(
      storage,
      subject,
      rows,
      stored,
      exportRecording,
      settings.maxBytes,
      settings.now(),
    );
    if ('offsetSeconds' in found) return { offset: { offsetSeconds: found.offsetSeconds, source: 'pickle' }, problems };
    problems.push(found.problem);
  }
  const chestStart = number(rows.get(subjectRowKeys.chestStart), 'startUnix');
  if (chestStart !== undefined) {
    return { offset: { offsetSeconds: chestStart - stored.startUnix, source: 'respiban' }, problems };
  }
  return { offset: undefined, problems };
}

export function storedExportOf(row: SubjectRow): StoredExport {
  const container = text(row, 'container');
  const kind = text(row, 'kind');
  const blobs = json(row, 'blobsJson') as StoredExport['blobs'] | undefined;
  const source = json(row, 'sourceJson') as SourceDescription | undefined;
  const unlabelledVersion = text(row, 'unlabelledVersion');
  const startUnix = number(row, 'startUnix');
  if (
    container === undefined ||
    (kind !== 'e4-zip' && kind !== 'e4-csv') ||
    blobs === undefined ||
    source === undefined ||
    unlabelledVersion === undefined ||
    startUnix === undefined
  ) {
    throw new Error('The e4-export row of the subject is incomplete.');
  }
  return { container, kind, blobs, source, unlabelledVersion, startUnix };
}

function labellingValues(status: E4LabellingStatus): RowValues {
  return {
    state: status.state,
    exportVersion: status.exportVersion,
    missingJson: JSON.stringify(status.missing),
    problemsJson: JSON.stringify(status.problems),
    version: status.version,
    offsetJson: JSON.stringify(status.offset),
    sequence: status.sequence,
    updatedAt: status.updatedAt,
  };
}

/** The stored status, as GET /subjects/{subject} shows it. */
export function labellingStatusOf(row: SubjectRow | undefined): E4LabellingStatus | null {
  const state = text(row, 'state');
  const exportVersion = text(row, 'exportVersion');
  if (row === undefined || (state !== 'labelled' && state !== 'unlabelled') || exportVersion === undefined) return null;
  return {
    state,
    exportVersion,
    missing: (json(row, 'missingJson') as string[] | undefined) ?? [],
    problems: (json(row, 'problemsJson') as string[] | undefined) ?? [],
    version: text(row, 'version') ?? null,
    offset: (json(row, 'offsetJson') as E4Offset | null | undefined) ?? null,
    sequence: number(row, 'sequence') ?? 0,
    updatedAt: text(row, 'updatedAt') ?? '',
  };
}
