import { odata, type TableClient } from '@azure/data-tables';
import type { ContainerClient } from '@azure/storage-blob';
import type { StorageClients } from '../../platform/storage/storageClients.js';
import { containers } from '../../platform/storage/containers.js';
import { tableKeyOf } from '../../platform/storage/tableKeys.js';
import { isStatus } from '../../platform/storage/restErrors.js';
import { datasetsTable } from '../datasets/datasetCatalog.js';
import { uploadsTable } from '../datasets/uploadLedger.js';
import { subjectsTable } from '../datasets/subjectProtocols.js';
import { RunStore, runsTable } from '../runs/runStore.js';
import type { RunRecord } from '../runs/runRecords.js';
import type { ModelRegistry } from '../registry/modelRegistry.js';
import type { Actor } from '../../platform/identity/actor.js';

export interface ErasureReport {
  subject: string;
  rawBlobsDeleted: string[];
  windowSetBlobsDeleted: number;
  tableRowsDeleted: number;
  runsFlagged: string[];
  versionsFlagged: string[];
}

/**
 * Erases a subject (GDPR art. 17): raw uploads in every version, window sets, dataset, upload and
 * subject rows. Runs and model versions trained on the subject are kept and flagged, so what was
 * done with the data stays auditable. Running it again finds nothing left and changes nothing.
 */
export async function eraseSubject(
  storage: StorageClients,
  registry: ModelRegistry,
  subject: string,
  actor: Actor,
): Promise<ErasureReport> {
  const raw = storage.blobs.getContainerClient(containers.raw);
  const uploads = await storage.table(uploadsTable);
  const rawNames = new Set(await rawBlobsOfSubject(raw, subject));
  for (const row of await uploadRowsOfSubject(uploads, subject)) rawNames.add(row.blobName);

  const rawBlobsDeleted: string[] = [];
  for (const name of rawNames) {
    if (await deleteEveryVersion(raw, name)) rawBlobsDeleted.push(name);
  }
  let windowSetBlobsDeleted = 0;
  const processed = storage.blobs.getContainerClient(containers.processed);
  for (const name of await blobNames(processed, `${subject}/`)) {
    if (await deleteEveryVersion(processed, name)) windowSetBlobsDeleted++;
  }

  let tableRowsDeleted = 0;
  for (const name of rawNames) {
    tableRowsDeleted += await deletePartition(uploads, tableKeyOf(`${containers.raw}/${name}`));
  }
  tableRowsDeleted += await deletePartition(await storage.table(datasetsTable), tableKeyOf(subject));
  tableRowsDeleted += await deletePartition(await storage.table(subjectsTable), tableKeyOf(subject));

  const runsFlagged: string[] = [];
  const versionsFlagged: string[] = [];
  const runs = new RunStore(storage);
  for (const run of await runsTrainedOn(storage, subject)) {
    if (run.trainedOnErasedData !== true) {
      await runs.update(run.runId, (current) => ({ ...current, trainedOnErasedData: true }));
      runsFlagged.push(run.runId);
    }
    if (run.modelVersion !== null) {
      const reason = `subject ${subject} was erased`;
      if (await registry.markTrainedOnErasedData(run.modelName, run.modelVersion, actor, reason)) {
        versionsFlagged.push(`${run.modelName}@${run.modelVersion}`);
      }
    }
  }
  return {
    subject,
    rawBlobsDeleted: [...rawBlobsDeleted].sort(),
    windowSetBlobsDeleted,
    tableRowsDeleted,
    runsFlagged,
    versionsFlagged,
  };
}

/** WESAD names a subject's files S7/…, S7.pkl, S7_E4_Data.zip, S7_quest.csv, S7_readme.txt. */
async function rawBlobsOfSubject(raw: ContainerClient, subject: string): Promise<string[]> {
  const escaped = subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(^|/)${escaped}([/_.]|$)`);
  return (await blobNames(raw, undefined)).filter((name) => pattern.test(name));
}

async function uploadRowsOfSubject(uploads: TableClient, subject: string): Promise<{ blobName: string }[]> {
  const rows: { blobName: string }[] = [];
  for await (const row of uploads.listEntities<{ blobName: string }>({
    queryOptions: { filter: odata`subject eq ${subject}` },
  })) {
    rows.push(row);
  }
  return rows;
}

async function blobNames(container: ContainerClient, prefix: string | undefined): Promise<string[]> {
  if (!(await container.exists())) return [];
  const names = new Set<string>();
  for await (const blob of container.listBlobsFlat(prefix === undefined ? {} : { prefix })) names.add(blob.name);
  return [...names];
}

/** Deletes the blob with its snapshots and, where versioning keeps them, its previous versions. */
async function deleteEveryVersion(container: ContainerClient, name: string): Promise<boolean> {
  let deleted = false;
  try {
    for await (const version of container.listBlobsFlat({ prefix: name, includeVersions: true })) {
      if (version.name !== name || version.versionId === undefined || version.isCurrentVersion === true) continue;
      await container.getBlobClient(name).withVersion(version.versionId).delete();
      deleted = true;
    }
  } catch (error: unknown) {
    // Storage without versioning (Azurite) refuses the listing option; there are no versions to delete.
    if (!isStatus(error, 400, 501)) throw error;
  }
  const response = await container.getBlobClient(name).deleteIfExists({ deleteSnapshots: 'include' });
  return deleted || response.succeeded;
}

async function deletePartition(table: TableClient, partitionKey: string): Promise<number> {
  let deleted = 0;
  for await (const row of table.listEntities({
    queryOptions: { filter: odata`PartitionKey eq ${partitionKey}`, select: ['RowKey'] },
  })) {
    try {
      await table.deleteEntity(partitionKey, row.rowKey ?? '');
      deleted++;
    } catch (error: unknown) {
      if (!isStatus(error, 404)) throw error;
    }
  }
  return deleted;
}

/** Runs whose snapshot holds the subject: a scan, since erasure is rare and must miss nothing. */
async function runsTrainedOn(storage: StorageClients, subject: string): Promise<RunRecord[]> {
  const table = await storage.table(runsTable);
  const runs: RunRecord[] = [];
  for await (const entity of table.listEntities<{ runJson: string }>()) {
    const run = JSON.parse(entity.runJson) as RunRecord;
    const subjects = [...run.trainSubjects, ...run.validationSubjects, ...run.testSubjects];
    if (subjects.includes(subject) || run.datasetSnapshot?.windowSets.some((set) => set.subject === subject) === true) {
      runs.push(run);
    }
  }
  return runs;
}
