import type { RunRecord } from './runRecords.js';

export interface ComparedValue {
  /** One value per run, in the order the runs were given (null where a run lacks it). */
  values: (number | string | boolean | null)[];
  /** For numbers: each run's value minus the first run's (null where either is missing). */
  deltas: (number | null)[] | null;
  differs: boolean;
}

export interface RunComparison {
  runs: { runId: string; experiment: string; status: string; createdAt: string }[];
  params: Record<string, ComparedValue>;
  metrics: Record<string, ComparedValue>;
}

/** Params and metrics of runs side by side with deltas against the first, like `dvc exp diff`. */
export function compareRunRecords(runs: readonly RunRecord[]): RunComparison {
  return {
    runs: runs.map((run) => ({
      runId: run.runId,
      experiment: run.experiment,
      status: run.status,
      createdAt: run.createdAt,
    })),
    params: sideBySide(runs.map((run) => run.params)),
    metrics: sideBySide(runs.map((run) => run.metrics)),
  };
}

function sideBySide(records: readonly Record<string, unknown>[]): Record<string, ComparedValue> {
  const names = [...new Set(records.flatMap((record) => Object.keys(record)))].sort();
  const result: Record<string, ComparedValue> = {};
  for (const name of names) {
    const values = records.map((record) => scalar(record[name]));
    const first = values[0];
    const numeric = values.every((value) => value === null || typeof value === 'number');
    result[name] = {
      values,
      deltas: numeric
        ? values.map((value) => (typeof value === 'number' && typeof first === 'number' ? value - first : null))
        : null,
      differs: new Set(values.map((value) => JSON.stringify(value))).size > 1,
    };
  }
  return result;
}

function scalar(value: unknown): number | string | boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}
