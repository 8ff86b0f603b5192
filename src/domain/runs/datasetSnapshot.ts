import { createHash } from 'node:crypto';
import type { StorageClients } from '../../platform/storage/storageClients.js';
import { DatasetCatalog, type DatasetRecord } from '../datasets/datasetCatalog.js';
import type { DatasetSnapshot, RunRecord } from './runRecords.js';

/**
 * The data version of a run: for each subject, its newest labelled window set (or the versions
 * asked for), hashed as sorted (subject, version) pairs so the same data is the same snapshot.
 */
export async function assembleSnapshot(
  storage: StorageClients,
  subjects: readonly string[] | undefined,
): Promise<DatasetSnapshot> {
  const catalog = new DatasetCatalog(storage);
  const newest = new Map<string, DatasetRecord>();
  let continuationToken: string | undefined;
  do {
    const page = await catalog.page(1000, continuationToken, { kind: 'labelled' });
    for (const record of page.items) {
      const known = newest.get(record.subject);
      if (known === undefined || record.createdAt > known.createdAt) newest.set(record.subject, record);
    }
    continuationToken = page.continuationToken;
  } while (continuationToken !== undefined);

  const chosen = subjects === undefined ? [...newest.keys()] : [...subjects];
  const missing = chosen.filter((subject) => !newest.has(subject));
  if (missing.length > 0) throw new SnapshotError(`No labelled window set for ${missing.join(', ')}.`);
  const windowSets = chosen
    .sort()
    .map((subject) => newest.get(subject))
    .filter((record) => record !== undefined)
    .map((record) => ({
      subject: record.subject,
      version: record.version,
      sourceBlob: record.sourceBlob,
      sourceSha256: record.sourceSha256,
      windows: record.windows,
    }));
  const hash = createHash('sha256');
  for (const set of windowSets) hash.update(`${set.subject}\n${set.version}\n`);
  return { hash: hash.digest('hex'), windowSets };
}

/** The window-set version of `subject` in the run's snapshot: what the run trained or was tested on. */
export function snapshotVersionOf(run: RunRecord, subject: string): string {
  const snapshot = run.datasetSnapshot;
  if (snapshot === null) throw new Error(`Run ${run.runId} has no dataset snapshot.`);
  const set = snapshot.windowSets.find((candidate) => candidate.subject === subject);
  if (set === undefined) throw new Error(`Run ${run.runId}: ${subject} is not in the snapshot.`);
  return set.version;
}

export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}
