import type { ChallengerVerdict } from '../continuous/challengerVerdict.js';
import type { EvaluationBasis } from '../registry/registryRecords.js';
import type { ComparisonMetric } from '../continuous/continuousTrainingSettings.js';

export const runStatuses = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof runStatuses)[number];

/** Who cancelled a run and when (POST /api/runs/{runId}/cancel). */
export interface RunCancellation {
  by: string;
  at: string;
}

/** The window sets a run trained and was evaluated on, hashed as a whole. */
export interface DatasetSnapshot {
  /** sha256 over the sorted (subject, version) pairs: the run's data version. */
  hash: string;
  windowSets: { subject: string; version: string; sourceBlob: string; sourceSha256: string; windows: number }[];
}

export interface RunProgress {
  epoch: number;
  epochs: number;
}

/** A training run as the API serves it. */
export interface RunRecord {
  runId: string;
  experiment: string;
  status: RunStatus;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  params: Record<string, unknown>;
  /** Scalar results: test_auc, test_accuracy, … */
  metrics: Record<string, number>;
  trainSubjects: string[];
  validationSubjects: string[];
  testSubjects: string[];
  datasetSnapshot: DatasetSnapshot | null;
  backend: string | null;
  codeVersion: string;
  gitCommit: string | null;
  progress: RunProgress | null;
  modelName: string;
  modelVersion: string | null;
  error: string | null;
  /** Set when the run was cancelled (status `cancelled`). */
  cancellation?: RunCancellation;
  /** The subjects the researcher asked for; the run's splits are fixed from them when it starts. */
  request?: {
    subjects?: string[] | undefined;
    validationSubjects?: string[] | undefined;
    testSubjects?: string[] | undefined;
  };
  /** Set when a subject of the run's snapshot was erased (GDPR); the run stays for the audit. */
  trainedOnErasedData?: boolean;
  /** Set on runs continuous training started: what triggered them and, once judged, the comparison with the champion. */
  continuousTraining?: ContinuousTrainingRun;
  /** Set on the fold runs of an evaluation (POST /api/evaluations): which evaluation, configuration and fold. */
  evaluation?: EvaluationLink;
  /** Set on a run registered from an evaluation: the evaluation that justified it, passed on to its version. */
  evaluationBasis?: EvaluationBasis;
}

export interface EvaluationLink {
  evaluationId: string;
  configuration: number;
  fold: number;
}

export interface ContinuousTrainingRun {
  /** The snapshot of ready window sets when the quiet period ended. */
  snapshotHash: string;
  windowSets: number;
  metric: ComparisonMetric;
  margin: number;
  /** The run's report page: challenger next to champion with deltas, curves, per-subject results. */
  report: string;
  verdict: ChallengerVerdict | null;
}

/** One epoch of learning curves. */
export interface EpochMetrics {
  epoch: number;
  train: Record<string, number>;
  validation: Record<string, number>;
  durationSeconds: number;
}
