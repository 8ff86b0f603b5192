import type { EvaluationRecord, FoldResult, ConfigurationAggregate } from './evaluationRecords.js';
import type { EvaluationMetrics } from './foldMetrics.js';

/** A fold as GET /api/evaluations/{id} shows it: its plan, and its result once recorded. */
export interface EvaluationFoldView {
  configuration: number;
  fold: number;
  runId: string;
  testSubjects: string[];
  status: FoldResult['status'] | 'pending';
  metrics: EvaluationMetrics;
  perSubject: FoldResult['perSubject'];
  error: string | null;
}

export type EvaluationView = Omit<EvaluationRecord, 'folds'> & {
  folds: EvaluationFoldView[];
  /** The best-ranked configuration's mean ± std over folds (the only configuration's, without a sweep); null until finished. */
  aggregate: ConfigurationAggregate['folds'] | null;
};

/** The record with each planned fold's recorded result merged in. */
export function evaluationView(record: EvaluationRecord, results: readonly FoldResult[]): EvaluationView {
  const byRun = new Map(results.map((result) => [result.runId, result]));
  const best = record.aggregates.find((aggregate) => aggregate.rank === 1);
  return {
    ...record,
    folds: record.folds.map((fold) => {
      const result = byRun.get(fold.runId);
      return {
        configuration: fold.configuration,
        fold: fold.fold,
        runId: fold.runId,
        testSubjects: fold.testSubjects,
        status: result?.status ?? 'pending',
        metrics: result?.metrics ?? {},
        perSubject: result?.perSubject ?? [],
        error: result?.error ?? null,
      };
    }),
    aggregate: best?.folds ?? null,
  };
}
