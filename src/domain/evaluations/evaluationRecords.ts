import type { ConfusionMatrix } from '../training/metrics/confusion.js';
import type { EvaluationConfiguration, EvaluationScheme } from './evaluationRequest.js';
import type { EvaluationMetrics, MeanStd } from './foldMetrics.js';
import type { WilcoxonResult } from './wilcoxon.js';

export const evaluationStatuses = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type EvaluationStatus = (typeof evaluationStatuses)[number];

/** One (configuration, fold) of the plan: an ordinary run, linked back through `RunRecord.evaluation`. */
export interface EvaluationFoldPlan {
  configuration: number;
  fold: number;
  runId: string;
  testSubjects: string[];
  validationSubjects: string[];
}

/** What a finished fold run scored, on all its test subjects and on each of them. */
export interface FoldResult {
  configuration: number;
  fold: number;
  runId: string;
  testSubjects: string[];
  status: 'succeeded' | 'failed' | 'cancelled';
  error: string | null;
  metrics: EvaluationMetrics;
  confusion: ConfusionMatrix | null;
  perSubject: { subject: string; windows: number; metrics: EvaluationMetrics; confusion: ConfusionMatrix }[];
  recordedAt: string;
}

/** A configuration's results over its folds. */
export interface ConfigurationAggregate {
  configuration: number;
  /** Mean ± std over the folds that succeeded, per metric. */
  folds: Partial<Record<keyof EvaluationMetrics, MeanStd>>;
  /** Accuracy, macro F1 and balanced accuracy of all folds' decisions pooled (AUC needs scores, which folds do not keep). */
  pooled: EvaluationMetrics;
  pooledConfusion: ConfusionMatrix;
  succeededFolds: number;
  failedFolds: number;
  /** 1 = best by mean test_auc (then mean test_f1_macro); ties share no rank, lower index first. */
  rank: number;
}

/** A configuration against the best one on the folds both finished, by the Wilcoxon signed-rank test. */
export interface ConfigurationComparison {
  configuration: number;
  against: number;
  metric: 'test_auc';
  meanDifference: number;
  test: WilcoxonResult;
}

export interface EvaluationRecord {
  evaluationId: string;
  experiment: string;
  model: string;
  scheme: EvaluationScheme;
  k: number | null;
  subjects: string[];
  configurations: EvaluationConfiguration[];
  parallelism: number;
  status: EvaluationStatus;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  folds: EvaluationFoldPlan[];
  progress: { finished: number; total: number };
  /** Per configuration, once the evaluation has finished. */
  aggregates: ConfigurationAggregate[];
  comparisons: ConfigurationComparison[];
  error: string | null;
  cancellation?: { by: string; at: string };
}
