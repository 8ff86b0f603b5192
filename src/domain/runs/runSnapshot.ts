import type { RunRecord } from './runRecords.js';
import { columnTestsOf, compareRuns, type RunOrder, type RunQuery } from './runQuery.js';
import { matchesColumns, type RunColumns } from './runMatching.js';
import { decodeKeyToken, decodeOffset, encodeKeyToken, encodeOffset } from './runSearchTokens.js';

/** One run as the projection holds it: the record served, its stored JSON and the columns filters read. */
export interface ProjectedRun {
  runId: string;
  run: RunRecord;
  /** The row's runJson, JSON.stringify of the record, so a response can carry it without serialising again. */
  json: string;
  columns: RunColumns;
}

export interface SnapshotPage<T = RunRecord> {
  items: T[];
  continuationToken: string | undefined;
}

/** Sorted views kept per snapshot; a dashboard uses a handful of orderings. */
const maxViews = 16;

/**
 * The runs of one experiment (one table partition) at one moment, immutable: a refresh makes a
 * new snapshot. Runs are held in row-key order, the order the table lists the partition in, so
 * an unordered page is the same page the table service would return, and an ordered one is
 * the same stable sort of that order the scan path makes (RunStore.list).
 */
export class RunSnapshot {
  readonly #byRow: readonly ProjectedRun[];
  readonly #views = new Map<string, readonly ProjectedRun[]>();

  constructor(
    readonly partitionKey: string,
    runs: Iterable<ProjectedRun>,
  ) {
    this.#byRow = [...runs].sort((a, b) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0));
  }

  get size(): number {
    return this.#byRow.length;
  }

  /** This snapshot with the given runs added or replaced (a refresh's changed rows). */
  with(changed: readonly ProjectedRun[]): RunSnapshot {
    if (changed.length === 0) return this;
    const runs = new Map(this.#byRow.map((run) => [run.runId, run]));
    for (const run of changed) runs.set(run.runId, run);
    return new RunSnapshot(this.partitionKey, runs.values());
  }

  /**
   * A page of the query's matches. Ordered queries page by offset, as the scan path does;
   * unordered ones by the next row's keys, in the shape of a table continuation token.
   */
  page(query: RunQuery, pageSize: number, continuationToken: string | undefined): SnapshotPage<ProjectedRun> {
    const tests = columnTestsOf(query);
    if (query.order === undefined) {
      const after = continuationToken === undefined ? undefined : decodeKeyToken(continuationToken);
      const start = after === undefined ? 0 : this.#firstAtOrAfter(after.partitionKey, after.rowKey);
      const items: ProjectedRun[] = [];
      for (let index = start; index < this.#byRow.length; index++) {
        const entry = this.#byRow[index];
        if (entry === undefined || !matchesColumns(entry.columns, tests)) continue;
        if (items.length === pageSize) {
          return { items, continuationToken: encodeKeyToken(this.partitionKey, entry.runId) };
        }
        items.push(entry);
      }
      return { items, continuationToken: undefined };
    }
    const offset = continuationToken === undefined ? 0 : decodeOffset(continuationToken);
    const items: ProjectedRun[] = [];
    let matched = 0;
    for (const entry of this.#view(query.order)) {
      if (!matchesColumns(entry.columns, tests)) continue;
      matched++;
      if (matched <= offset) continue;
      if (items.length === pageSize) return { items, continuationToken: encodeOffset(offset + pageSize) };
      items.push(entry);
    }
    return { items, continuationToken: undefined };
  }

  /** The runs sorted for an ordering, computed once per snapshot (Array.prototype.sort is stable). */
  #view(order: RunOrder): readonly ProjectedRun[] {
    const key = `${order.field}\u0000${order.name}\u0000${order.direction}`;
    const cached = this.#views.get(key);
    if (cached !== undefined) return cached;
    const compare = compareRuns(order);
    const view = [...this.#byRow].sort((a, b) => compare(a.run, b.run));
    if (this.#views.size >= maxViews) this.#views.clear();
    this.#views.set(key, view);
    return view;
  }

  /** The index of the first run at or after the keys, comparing as the table orders keys. */
  #firstAtOrAfter(partitionKey: string, rowKey: string): number {
    if (partitionKey < this.partitionKey) return 0;
    if (partitionKey > this.partitionKey) return this.#byRow.length;
    const index = this.#byRow.findIndex((entry) => entry.runId >= rowKey);
    return index === -1 ? this.#byRow.length : index;
  }
}
