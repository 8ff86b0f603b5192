import { odata, type TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import type { StorageClients } from '../../platform/storage/storageClients.js';
import { tableKeyOf } from '../../platform/storage/tableKeys.js';
import { isStatus, unlessNotFound } from '../../platform/storage/restErrors.js';
import { tablePage } from '../../platform/storage/tablePages.js';
import type {
  EvaluationBasis,
  ModelVersion,
  RegistryEvent,
  StageAssignment,
  VersionStatus,
} from './registryRecords.js';
import { parseSemanticVersion, sortableVersionKey } from './semanticVersion.js';

export const registryTableName = 'registry';

/**
 * One partition per model holds everything about it, so that a change (the model row with its
 * event counter, the stage or version row, and the event) commits as one entity-group
 * transaction, guarded by the model row's ETag.
 */
const rowKeys = {
  model: 'model',
  version: (version: string): string => {
    const parsed = parseSemanticVersion(version);
    if (parsed === undefined) throw new Error(`"${version}" is not a MAJOR.MINOR.PATCH version`);
    return `version|${sortableVersionKey(parsed)}`;
  },
  run: (runId: string): string => `run|${tableKeyOf(runId)}`,
  stage: (stage: string): string => `stage|${stage}`,
  event: (sequence: number): string => `event|${String(sequence).padStart(10, '0')}`,
};

export interface ModelRow {
  name: string;
  latestVersion: string | null;
  eventCount: number;
  createdAt: string;
  updatedAt: string;
  etag: string;
}

interface ModelEntity extends TableEntity {
  name: string;
  latestVersion?: string;
  eventCount: number;
  createdAt: string;
  updatedAt: string;
}

interface VersionEntity extends TableEntity {
  model: string;
  version: string;
  runId: string;
  datasetSnapshot: string;
  artifactPath: string;
  artifactSha256: string;
  metricsJson: string;
  runCreatedBy: string;
  registeredBy: string;
  registeredAt: string;
  status: VersionStatus;
  trainedOnErasedData: boolean;
  family?: string;
  evaluationJson?: string;
}

interface StageEntity extends TableEntity, StageAssignment {}

interface EventEntity extends TableEntity {
  model: string;
  sequence: number;
  at: string;
  actor: string;
  action: RegistryEvent['action'];
  version?: string;
  stage?: string;
  fromVersion?: string;
  toVersion?: string;
  reason: string;
}

/** The registry's rows, read and changed under the rules above. */
export class RegistryTable {
  constructor(private readonly storage: StorageClients) {}

  async #table(): Promise<TableClient> {
    return this.storage.table(registryTableName);
  }

  async model(name: string): Promise<ModelRow | undefined> {
    const entity = await this.#get<ModelEntity>(name, rowKeys.model);
    return entity === undefined ? undefined : modelRowOf(entity);
  }

  async version(name: string, version: string): Promise<ModelVersion | undefined> {
    const entity = await this.#get<VersionEntity>(name, rowKeys.version(version));
    return entity === undefined ? undefined : versionOf(entity);
  }

  async versionOfRun(name: string, runId: string): Promise<string | undefined> {
    const entity = await this.#get<TableEntity & { version: string }>(name, rowKeys.run(runId));
    return entity?.version;
  }

  async stage(name: string, stage: string): Promise<StageAssignment | undefined> {
    const entity = await this.#get<StageEntity>(name, rowKeys.stage(stage));
    return entity === undefined ? undefined : stageOf(entity);
  }

  async stages(name: string): Promise<StageAssignment[]> {
    return (await this.#range<StageEntity>(name, 'stage|')).map(stageOf);
  }

  async versions(name: string): Promise<ModelVersion[]> {
    return (await this.#range<VersionEntity>(name, 'version|')).map(versionOf);
  }

  async models(
    pageSize: number,
    continuationToken: string | undefined,
  ): Promise<{ rows: ModelRow[]; continuationToken: string | undefined }> {
    const table = await this.#table();
    const page = await tablePage(
      table.listEntities<ModelEntity>({ queryOptions: { filter: odata`RowKey eq ${rowKeys.model}` } }),
      pageSize,
      continuationToken,
    );
    return {
      rows: page.items.map(modelRowOf),
      continuationToken: page.continuationToken,
    };
  }

  async events(
    name: string,
    pageSize: number,
    continuationToken: string | undefined,
  ): Promise<{ events: RegistryEvent[]; continuationToken: string | undefined }> {
    const table = await this.#table();
    const page = await tablePage(
      table.listEntities<EventEntity>({ queryOptions: { filter: rangeFilter(name, 'event|') } }),
      pageSize,
      continuationToken,
    );
    return { events: page.items.map(eventOf), continuationToken: page.continuationToken };
  }

  /**
   * Commits one change to a model: the model row (created, or updated under `expectedEtag`) with
   * its event counter advanced, the given row changes, and the event — all or nothing. Answers
   * false when another change won the race (ETag mismatch, or the model row appeared meanwhile).
   */
  async commit(change: {
    model: ModelRow | { name: string; createdAt: string; latestVersion: string | null; eventCount: 0; etag: undefined };
    latestVersion: string | null;
    rows: RowChange[];
    event: Omit<RegistryEvent, 'model' | 'sequence'>;
  }): Promise<{ committed: boolean; sequence: number }> {
    const name = change.model.name;
    const partitionKey = tableKeyOf(name);
    const sequence = change.model.eventCount + 1;
    const modelEntity: ModelEntity = {
      partitionKey,
      rowKey: rowKeys.model,
      name,
      eventCount: sequence,
      createdAt: change.model.createdAt,
      updatedAt: change.event.at,
      ...(change.latestVersion === null ? {} : { latestVersion: change.latestVersion }),
    };
    const event: EventEntity = {
      partitionKey,
      rowKey: rowKeys.event(sequence),
      model: name,
      sequence,
      at: change.event.at,
      actor: change.event.actor,
      action: change.event.action,
      reason: change.event.reason,
      ...optional('version', change.event.version),
      ...optional('stage', change.event.stage),
      ...optional('fromVersion', change.event.fromVersion),
      ...optional('toVersion', change.event.toVersion),
    };
    const actions: TransactionAction[] = [
      change.model.etag === undefined
        ? ['create', modelEntity]
        : ['update', modelEntity, 'Replace', { etag: change.model.etag }],
      ...change.rows.map((row) => actionOf(partitionKey, row)),
      ['create', event],
    ];
    try {
      await (await this.#table()).submitTransaction(actions);
      return { committed: true, sequence };
    } catch (error: unknown) {
      if (isStatus(error, 409, 412)) return { committed: false, sequence };
      throw error;
    }
  }

  async #get<T extends object>(name: string, rowKey: string): Promise<(T & { etag: string }) | undefined> {
    const table = await this.#table();
    return unlessNotFound(() => table.getEntity<T>(tableKeyOf(name), rowKey));
  }

  async #range<T extends object>(name: string, prefix: string): Promise<T[]> {
    const table = await this.#table();
    const rows: T[] = [];
    for await (const entity of table.listEntities<T>({ queryOptions: { filter: rangeFilter(name, prefix) } })) {
      rows.push(entity);
    }
    return rows;
  }
}

export type RowChange =
  | { kind: 'create-version'; version: ModelVersion }
  | { kind: 'update-version'; version: ModelVersion }
  | { kind: 'create-run-index'; runId: string; version: string }
  | { kind: 'put-stage'; assignment: StageAssignment }
  | { kind: 'delete-stage'; stage: string };

function actionOf(partitionKey: string, row: RowChange): TransactionAction {
  switch (row.kind) {
    case 'create-version':
    case 'update-version': {
      const { metrics, evaluation, ...rest } = row.version;
      const entity: VersionEntity = {
        partitionKey,
        rowKey: rowKeys.version(row.version.version),
        ...rest,
        metricsJson: JSON.stringify(metrics),
        ...(evaluation === undefined ? {} : { evaluationJson: JSON.stringify(evaluation) }),
      };
      return row.kind === 'create-version' ? ['create', entity] : ['update', entity, 'Replace'];
    }
    case 'create-run-index':
      return ['create', { partitionKey, rowKey: rowKeys.run(row.runId), version: row.version }];
    case 'put-stage':
      return ['upsert', { partitionKey, rowKey: rowKeys.stage(row.assignment.stage), ...row.assignment }, 'Replace'];
    case 'delete-stage':
      return ['delete', { partitionKey, rowKey: rowKeys.stage(row.stage) }];
  }
}

function rangeFilter(name: string, prefix: string): string {
  // Row keys of a kind share a prefix ending in '|'; '}' is the next character after '|'.
  return odata`PartitionKey eq ${tableKeyOf(name)} and RowKey ge ${prefix} and RowKey lt ${`${prefix.slice(0, -1)}}`}`;
}

function optional<Key extends string>(key: Key, value: string | null): Partial<Record<Key, string>> {
  return value === null ? {} : ({ [key]: value } as Record<Key, string>);
}

function versionOf(entity: VersionEntity): ModelVersion {
  return {
    model: entity.model,
    version: entity.version,
    runId: entity.runId,
    datasetSnapshot: entity.datasetSnapshot,
    artifactPath: entity.artifactPath,
    artifactSha256: entity.artifactSha256,
    metrics: JSON.parse(entity.metricsJson) as Record<string, number>,
    runCreatedBy: entity.runCreatedBy,
    registeredBy: entity.registeredBy,
    registeredAt: entity.registeredAt,
    status: entity.status,
    trainedOnErasedData: entity.trainedOnErasedData,
    ...(entity.family === undefined ? {} : { family: entity.family }),
    ...(entity.evaluationJson === undefined
      ? {}
      : { evaluation: JSON.parse(entity.evaluationJson) as EvaluationBasis }),
  };
}

function modelRowOf(entity: ModelEntity & { etag: string }): ModelRow {
  return {
    name: entity.name,
    latestVersion: entity.latestVersion ?? null,
    eventCount: entity.eventCount,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
    etag: entity.etag,
  };
}

function stageOf(entity: StageEntity): StageAssignment {
  return {
    model: entity.model,
    stage: entity.stage,
    version: entity.version,
    assignedBy: entity.assignedBy,
    assignedAt: entity.assignedAt,
    reason: entity.reason,
  };
}

function eventOf(entity: EventEntity): RegistryEvent {
  return {
    model: entity.model,
    sequence: entity.sequence,
    at: entity.at,
    actor: entity.actor,
    action: entity.action,
    version: entity.version ?? null,
    stage: entity.stage ?? null,
    fromVersion: entity.fromVersion ?? null,
    toVersion: entity.toVersion ?? null,
    reason: entity.reason,
  };
}
