import { odata, type TableClient } from '@azure/data-tables';
import type { StorageClients } from '../../platform/storage/storageClients.js';
import type { WindowSetManifest } from '../wesad/preprocess/windowSetOutput.js';
import { tableKeyOf } from '../../platform/storage/tableKeys.js';
import { naturallySortedPage } from '../../platform/storage/naturalPages.js';
import { isStatus } from '../../platform/storage/restErrors.js';
import type { LabellingNote } from './labellingNote.js';

export const datasetsTable = 'datasets';

/** A window set as the registry and the training snapshot see it; lineage down to the raw blob. */
export interface DatasetRecord {
  subject: string;
  version: string;
  kind: 'labelled' | 'unlabelled';
  format: string;
  windows: number;
  perClass: Record<string, number>;
  durationSeconds: number;
  contentSha256: string;
  sourceBlob: string;
  sourceEtag: string | null;
  sourceSha256: string;
  sourceSizeBytes: number;
  createdAt: string;
  /** wesad-wrist-v2: seconds excluded as sensor artefacts (the manifest lists them); absent for v1. */
  excludedSeconds?: number;
  /** An unlabelled E4 set: whether it has been labelled from the protocol, or what that still needs. */
  labelling?: LabellingNote;
}

interface DatasetEntity extends Omit<DatasetRecord, 'perClass' | 'labelling'> {
  partitionKey: string;
  rowKey: string;
  perClassJson: string;
  labellingJson?: string;
}

export function datasetRecordOf(manifest: WindowSetManifest, createdAt: Date): DatasetRecord {
  return {
    subject: manifest.subject,
    version: manifest.version,
    kind: manifest.kind,
    format: manifest.format,
    windows: manifest.counts.windows,
    perClass: manifest.counts.perClass,
    durationSeconds: manifest.durationSeconds,
    contentSha256: manifest.contentSha256,
    sourceBlob: manifest.source.name,
    sourceEtag: manifest.source.etag,
    sourceSha256: manifest.source.sha256,
    sourceSizeBytes: manifest.source.sizeBytes,
    createdAt: createdAt.toISOString(),
    ...(manifest.artefacts === undefined ? {} : { excludedSeconds: manifest.artefacts.excludedSeconds }),
  };
}

/** Window sets by subject (partition) and version (row): the partitions a snapshot reads. */
export class DatasetCatalog {
  constructor(private readonly storage: StorageClients) {}

  async #table(): Promise<TableClient> {
    return this.storage.table(datasetsTable);
  }

  /**
   * Inserts the row for a version once; a retry or a second upload of identical content finds it
   * there and keeps the first creation time.
   */
  async add(record: DatasetRecord): Promise<void> {
    const { perClass, ...rest } = record;
    const entity: DatasetEntity = {
      partitionKey: tableKeyOf(record.subject),
      rowKey: record.version,
      ...rest,
      perClassJson: JSON.stringify(perClass),
    };
    try {
      await (await this.#table()).createEntity(entity);
    } catch (error: unknown) {
      if (!isStatus(error, 409)) throw error;
    }
  }

  async get(subject: string, version: string): Promise<DatasetRecord | undefined> {
    const table = await this.#table();
    for await (const entity of table.listEntities<DatasetEntity>({
      queryOptions: { filter: odata`PartitionKey eq ${tableKeyOf(subject)} and RowKey eq ${version}` },
    })) {
      return recordOf(entity);
    }
    return undefined;
  }

  async page(
    pageSize: number,
    continuationToken: string | undefined,
    filter: { subject?: string; kind?: DatasetRecord['kind'] },
  ): Promise<{ items: DatasetRecord[]; continuationToken: string | undefined }> {
    const conditions: string[] = [];
    if (filter.subject !== undefined) conditions.push(odata`PartitionKey eq ${tableKeyOf(filter.subject)}`);
    if (filter.kind !== undefined) conditions.push(odata`kind eq ${filter.kind}`);
    const table = await this.#table();
    const entities = table.listEntities<DatasetEntity>(
      conditions.length === 0 ? {} : { queryOptions: { filter: conditions.join(' and ') } },
    );
    // Subjects in natural order (S2 before S10), each subject's sets oldest first.
    return naturallySortedPage(
      records(entities),
      (row) => [row.subject, row.createdAt, row.version],
      pageSize,
      continuationToken,
    );
  }
}

async function* records(entities: AsyncIterable<DatasetEntity>): AsyncIterable<DatasetRecord> {
  for await (const entity of entities) yield recordOf(entity);
}

function recordOf(entity: DatasetEntity): DatasetRecord {
  return {
    subject: entity.subject,
    version: entity.version,
    kind: entity.kind,
    format: entity.format,
    windows: entity.windows,
    perClass: JSON.parse(entity.perClassJson) as Record<string, number>,
    durationSeconds: entity.durationSeconds,
    contentSha256: entity.contentSha256,
    sourceBlob: entity.sourceBlob,
    sourceEtag: entity.sourceEtag ?? null,
    sourceSha256: entity.sourceSha256,
    sourceSizeBytes: entity.sourceSizeBytes,
    createdAt: entity.createdAt,
    ...(entity.excludedSeconds === undefined ? {} : { excludedSeconds: entity.excludedSeconds }),
    ...(entity.labellingJson === undefined ? {} : { labelling: JSON.parse(entity.labellingJson) as LabellingNote }),
  };
}
