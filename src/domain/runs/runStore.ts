import { odata, type TableClient, type TableEntity } from '@azure/data-tables';
import type { StorageClients } from '../../platform/storage/storageClients.js';
import { tableKeyOf } from '../../platform/storage/tableKeys.js';
import { tablePage } from '../../platform/storage/tablePages.js';
import { InvalidContinuationTokenError } from '../../platform/storage/continuationTokens.js';
import { TransientError } from '../../platform/errors/failureKinds.js';
import { isStatus, unlessNotFound } from '../../platform/storage/restErrors.js';
import type { EpochMetrics, RunRecord } from './runRecords.js';
import { columnOf, compareRuns, odataFilterOf, type RunQuery } from './runQuery.js';
import { decodeOffset, encodeOffset } from './runSearchTokens.js';
import { stampRunSearch } from './runSearchStamp.js';

export { InvalidContinuationTokenError };

export const runsTable = 'runs';
export const runIdsTable = 'runids';
export const runMetricsTable = 'runmetrics';

interface RunEntity extends TableEntity {
  runJson: string;
  experiment: string;
  status: string;
  createdAt: string;
  [column: string]: unknown;
}

export interface RunPage {
  items: RunRecord[];
  continuationToken: string | undefined;
}

/** A change to a run computed from its current state, retried under ETags until it lands. */
export type RunChange = (current: RunRecord) => RunRecord;

const updateAttempts = 10;

/**
 * Runs by experiment (the partition) and id (the row, newest first), with scalar params and
 * metrics also stored as columns so filters run on the table service. An index table maps a
 * run id to its experiment for lookups by id. Every write stamps its experiment for run search
 * after the row is written (runSearchStamp.ts, runProjection.ts); a retried write stamps again.
 */
export class RunStore {
  constructor(private readonly storage: StorageClients) {}

  /** Creates the run; creating it again (a retried request or activity) returns the stored one. */
  async create(run: RunRecord): Promise<RunRecord> {
    const [runs, ids] = await Promise.all([this.#runs(), this.storage.table(runIdsTable)]);
    await ids.upsertEntity({ partitionKey: run.runId, rowKey: 'run', experiment: run.experiment }, 'Replace');
    let created: RunRecord;
    try {
      await runs.createEntity(entityOf(run));
      created = run;
    } catch (error: unknown) {
      if (!isStatus(error, 409)) throw error;
      created = await this.require(run.runId);
    }
    // Also when the row existed: the attempt that wrote it may have stopped before stamping.
    await stampRunSearch(this.storage, run.experiment);
    return created;
  }

  /**
   * Imports finished runs of one experiment, up to 100 at a time, in one transaction per call
   * (e.g. history brought over from another tracker, or a benchmark's fixtures).
   */
  async importBatch(runs: readonly RunRecord[]): Promise<void> {
    const experiments = new Set(runs.map((run) => run.experiment));
    if (runs.length > 100 || experiments.size > 1)
      throw new RangeError('A batch holds at most 100 runs of one experiment.');
    const [table, ids] = await Promise.all([this.#runs(), this.storage.table(runIdsTable)]);
    await Promise.all(
      runs.map((run) =>
        ids.upsertEntity({ partitionKey: run.runId, rowKey: 'run', experiment: run.experiment }, 'Replace'),
      ),
    );
    await table.submitTransaction(runs.map((run) => ['upsert', entityOf(run), 'Replace']));
    const [first] = runs;
    if (first !== undefined) await stampRunSearch(this.storage, first.experiment);
  }

  async get(runId: string): Promise<RunRecord | undefined> {
    const found = await this.#entity(runId);
    return found === undefined ? undefined : runOf(found);
  }

  async require(runId: string): Promise<RunRecord> {
    const run = await this.get(runId);
    if (run === undefined) throw new Error(`Run ${runId} does not exist.`);
    return run;
  }

  /** Applies a change under the row's ETag, re-reading and retrying when another writer won. */
  async update(runId: string, change: RunChange): Promise<RunRecord> {
    const runs = await this.#runs();
    for (let attempt = 0; attempt < updateAttempts; attempt++) {
      const current = await this.#entity(runId);
      if (current === undefined) throw new Error(`Run ${runId} does not exist.`);
      const next = change(runOf(current));
      try {
        await runs.updateEntity(entityOf(next), 'Replace', { etag: current.etag });
        await stampRunSearch(this.storage, current.experiment);
        return next;
      } catch (error: unknown) {
        if (!isStatus(error, 412)) throw error;
      }
    }
    throw new TransientError(`Run ${runId} kept changing; gave up after ${updateAttempts} attempts.`);
  }

  /**
   * A page of runs. Without an order, pages follow the table (newest first per experiment) with
   * the service's continuation token; with one, the matching rows are read, sorted and paged by
   * offset. Either way only the named experiment's partition is read when one is named.
   */
  async list(query: RunQuery, pageSize: number, continuationToken: string | undefined): Promise<RunPage> {
    const runs = await this.#runs();
    const partitionKey = query.experiment === undefined ? undefined : tableKeyOf(query.experiment);
    const filter = odataFilterOf(query, partitionKey);
    const options = filter === undefined ? {} : { queryOptions: { filter } };
    if (query.order === undefined) {
      const page = await tablePage(runs.listEntities<RunEntity>(options), pageSize, continuationToken);
      return { items: page.items.map(runOf), continuationToken: page.continuationToken };
    }
    const all: RunRecord[] = [];
    for await (const entity of runs.listEntities<RunEntity>(options)) all.push(runOf(entity));
    all.sort(compareRuns(query.order));
    const offset = continuationToken === undefined ? 0 : decodeOffset(continuationToken);
    const items = all.slice(offset, offset + pageSize);
    const next = offset + pageSize < all.length ? encodeOffset(offset + pageSize) : undefined;
    return { items, continuationToken: next };
  }

  /** Records one epoch's learning curves; a retried epoch rewrites its own row. */
  async recordEpoch(runId: string, epoch: EpochMetrics): Promise<void> {
    const table = await this.storage.table(runMetricsTable);
    await table.upsertEntity(
      {
        partitionKey: runId,
        rowKey: String(epoch.epoch).padStart(5, '0'),
        epoch: epoch.epoch,
        trainJson: JSON.stringify(epoch.train),
        validationJson: JSON.stringify(epoch.validation),
        durationSeconds: epoch.durationSeconds,
      },
      'Replace',
    );
  }

  async metricHistory(runId: string): Promise<EpochMetrics[]> {
    const table = await this.storage.table(runMetricsTable);
    const epochs: EpochMetrics[] = [];
    for await (const entity of table.listEntities<{
      epoch: number;
      trainJson: string;
      validationJson: string;
      durationSeconds: number;
    }>({ queryOptions: { filter: odata`PartitionKey eq ${runId}` } })) {
      epochs.push({
        epoch: entity.epoch,
        train: JSON.parse(entity.trainJson) as Record<string, number>,
        validation: JSON.parse(entity.validationJson) as Record<string, number>,
        durationSeconds: entity.durationSeconds,
      });
    }
    return epochs.sort((a, b) => a.epoch - b.epoch);
  }

  async #runs(): Promise<TableClient> {
    return this.storage.table(runsTable);
  }

  async #entity(runId: string): Promise<(RunEntity & { etag: string }) | undefined> {
    const ids = await this.storage.table(runIdsTable);
    const index = await unlessNotFound(() => ids.getEntity<{ experiment: string }>(runId, 'run'));
    if (index === undefined) return undefined;
    const runs = await this.#runs();
    return unlessNotFound(() => runs.getEntity<RunEntity>(tableKeyOf(index.experiment), runId));
  }
}

function entityOf(run: RunRecord): RunEntity {
  const entity: RunEntity = {
    partitionKey: tableKeyOf(run.experiment),
    rowKey: run.runId,
    runJson: JSON.stringify(run),
    experiment: run.experiment,
    status: run.status,
    createdAt: run.createdAt,
  };
  for (const [name, value] of Object.entries(run.params)) {
    if (isColumnName(name) && (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')) {
      entity[columnOf('params', name)] = value;
    }
  }
  for (const [name, value] of Object.entries(run.metrics)) {
    if (isColumnName(name) && Number.isFinite(value)) entity[columnOf('metrics', name)] = value;
  }
  return entity;
}

function isColumnName(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(name);
}

function runOf(entity: RunEntity): RunRecord {
  return JSON.parse(entity.runJson) as RunRecord;
}
