import type { TableEntityResult } from '@azure/data-tables';
import type { StorageClients } from '../../platform/storage/storageClients.js';
import { tableKeyOf } from '../../platform/storage/tableKeys.js';
import { FreshCheck } from '../../platform/storage/freshCheck.js';
import { odataString } from './odataLiterals.js';
import type { RunRecord } from './runRecords.js';
import type { RunQuery } from './runQuery.js';
import { readRunSearchStamp } from './runSearchStamp.js';
import { RunSnapshot, type ProjectedRun, type SnapshotPage } from './runSnapshot.js';
import { runsTable, RunStore } from './runStore.js';

/**
 * How long before a row's Timestamp it may still become visible to a query. The refresh reads
 * rows changed since the newest Timestamp it saw minus this margin. The table service sets
 * Timestamp itself when it writes the entity ("Understanding the Table service data model",
 * Microsoft Learn: a system property the server maintains, the time the entity was last
 * modified), on the partition's server and before the write returns, so a margin of a minute is
 * far beyond the gap between the two.
 */
export const timestampMarginMs = 60_000;

/**
 * A snapshot is rebuilt from the whole partition when it is this old, whatever the stamp says:
 * the bound on staleness for writes that never stamp (an instance of an older version during a
 * deployment, or a row edited by hand).
 */
export const fullRebuildMs = 10 * 60_000;

/**
 * Stamp reads of one experiment start at least this far apart in a process: at most 100 a
 * second however many searches arrive, each search waiting at most this much longer.
 */
export const stampIntervalMs = 10;

/**
 * Experiments whose snapshots one process keeps; the least recently searched goes first. A run
 * takes about 3 KB in a snapshot (record, its JSON and its columns), so 10,000 runs about 30 MB.
 */
export const maxCachedExperiments = 8;

interface ProjectionState {
  snapshot: RunSnapshot;
  stamp: string;
  /** The newest row Timestamp (ms) seen, for the next refresh's delta query. */
  watermark: number;
}

/**
 * Run search served from a projection held in memory, one snapshot per experiment, so a search
 * costs one storage read (the experiment's stamp, runSearchStamp.ts) instead of a partition scan
 * and a sort. Reads see every write that completed before they started: each search waits for a
 * stamp read that began after it arrived (FreshCheck); a new stamp refreshes the snapshot with
 * the rows written since (Timestamp query). A snapshot is built from the runs table itself on
 * first use, so runs stored before the projection existed need no migration. Searches that name
 * no experiment span every partition and keep the scan path (RunStore.list). Runs are never
 * deleted (GDPR erasure flags them, RunStore.update): a refresh adds and replaces rows only, so a
 * deletion, were one added, would need a tombstone row to be seen before the next full rebuild.
 */
export class RunSearchProjection {
  readonly #experiments = new Map<string, ExperimentProjection>();

  constructor(
    private readonly storage: StorageClients,
    /** Tests shorten it to see a rebuild happen. */
    private readonly rebuildAfterMs = fullRebuildMs,
  ) {}

  async list(query: RunQuery, pageSize: number, continuationToken: string | undefined): Promise<SnapshotPage> {
    if (query.experiment === undefined) {
      return new RunStore(this.storage).list(query, pageSize, continuationToken);
    }
    const page = await this.#page(query.experiment, query, pageSize, continuationToken);
    return { items: page.items.map((entry) => entry.run), continuationToken: page.continuationToken };
  }

  /** The same page with each run as its JSON text (the stored runJson), for a response body. */
  async listJson(
    query: RunQuery,
    pageSize: number,
    continuationToken: string | undefined,
  ): Promise<SnapshotPage<string>> {
    if (query.experiment === undefined) {
      const page = await new RunStore(this.storage).list(query, pageSize, continuationToken);
      return { items: page.items.map((run) => JSON.stringify(run)), continuationToken: page.continuationToken };
    }
    const page = await this.#page(query.experiment, query, pageSize, continuationToken);
    return { items: page.items.map((entry) => entry.json), continuationToken: page.continuationToken };
  }

  async #page(
    experiment: string,
    query: RunQuery,
    pageSize: number,
    continuationToken: string | undefined,
  ): Promise<SnapshotPage<ProjectedRun>> {
    const snapshot = await this.#projectionOf(experiment).fresh();
    return snapshot.page(query, pageSize, continuationToken);
  }

  #projectionOf(experiment: string): ExperimentProjection {
    let projection = this.#experiments.get(experiment);
    if (projection !== undefined) {
      this.#experiments.delete(experiment);
    } else {
      projection = new ExperimentProjection(this.storage, experiment, this.rebuildAfterMs);
    }
    this.#experiments.set(experiment, projection);
    for (const oldest of this.#experiments.keys()) {
      if (this.#experiments.size <= maxCachedExperiments) break;
      this.#experiments.delete(oldest);
    }
    return projection;
  }
}

class ExperimentProjection {
  #state: ProjectionState | undefined;
  /** When the last full build started, and whether one runs in the background now. */
  #builtAt = 0;
  #rebuilding = false;
  readonly #check = new FreshCheck(() => this.#refresh(), stampIntervalMs);
  readonly #partitionKey: string;

  constructor(
    private readonly storage: StorageClients,
    private readonly experiment: string,
    private readonly rebuildAfterMs: number,
  ) {
    this.#partitionKey = tableKeyOf(experiment);
  }

  fresh(): Promise<RunSnapshot> {
    return this.#check.run();
  }

  /**
   * Reads the stamp first, then the rows: a write whose stamp was read has its row in place, so
   * a state holds every write that stamped before its stamp was read. Any such state may be
   * installed, a background rebuild's too: a search compares it with a stamp it read itself.
   */
  async #refresh(): Promise<RunSnapshot> {
    const stamp = await readRunSearchStamp(this.storage, this.experiment);
    const state = this.#state;
    if (state === undefined) {
      this.#builtAt = Date.now();
      this.#state = await this.#build(stamp);
      return this.#state.snapshot;
    }
    if (Date.now() - this.#builtAt >= this.rebuildAfterMs && !this.#rebuilding) this.#rebuildInBackground();
    if (state.stamp === stamp) return state.snapshot;
    const rows = await this.#rows(state.watermark - timestampMarginMs);
    const snapshot = state.snapshot.with(rows.runs);
    this.#state = { snapshot, stamp, watermark: Math.max(state.watermark, rows.watermark) };
    return snapshot;
  }

  async #build(stamp: string): Promise<ProjectionState> {
    const rows = await this.#rows(undefined);
    return { snapshot: new RunSnapshot(this.#partitionKey, rows.runs), stamp, watermark: rows.watermark };
  }

  /** The periodic full rebuild, off the search path so that no search waits for a whole partition. */
  #rebuildInBackground(): void {
    this.#rebuilding = true;
    this.#builtAt = Date.now();
    readRunSearchStamp(this.storage, this.experiment)
      .then((stamp) => this.#build(stamp))
      .then(
        (state) => {
          this.#state = state;
        },
        // The current state stays; the next rebuild is due a period later.
        () => undefined,
      )
      .finally(() => {
        this.#rebuilding = false;
      });
  }

  /** The partition's rows, or those written at or after `since` (ms). */
  async #rows(since: number | undefined): Promise<{ runs: ProjectedRun[]; watermark: number }> {
    const table = await this.storage.table(runsTable);
    let filter = `PartitionKey eq ${odataString(this.#partitionKey)}`;
    if (since !== undefined) filter += ` and Timestamp ge datetime'${new Date(Math.max(0, since)).toISOString()}'`;
    const runs: ProjectedRun[] = [];
    let watermark = Number.NEGATIVE_INFINITY;
    for await (const entity of table.listEntities({ queryOptions: { filter } })) {
      runs.push(projectedRunOf(entity));
      const written = Date.parse(entity.timestamp ?? '');
      if (Number.isFinite(written)) watermark = Math.max(watermark, written);
    }
    return { runs, watermark };
  }
}

/** The columns a filter may read: the row's properties except the keys, the system ones and the JSON. */
const notColumns: ReadonlySet<string> = new Set(['partitionKey', 'rowKey', 'etag', 'timestamp', 'runJson']);

function projectedRunOf(entity: TableEntityResult<Record<string, unknown>>): ProjectedRun {
  const json = String(entity.runJson);
  const run = JSON.parse(json) as RunRecord;
  const columns = new Map<string, unknown>();
  for (const [name, value] of Object.entries(entity)) {
    if (!notColumns.has(name)) columns.set(name, value);
  }
  return { runId: entity.rowKey ?? run.runId, run, json, columns };
}
