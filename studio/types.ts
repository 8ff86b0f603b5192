/** The API's records as the studio reads them (docs/api.md). */
export interface Caller {
  id: string;
  name: string;
  roles: string[];
  may: Record<string, boolean>;
  mayChangeStage: Record<string, boolean>;
}

export interface Run {
  runId: string;
  experiment: string;
  status: string;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
  params: Record<string, unknown>;
  metrics: Record<string, number>;
  trainSubjects: string[];
  validationSubjects: string[];
  testSubjects: string[];
  datasetSnapshot: {
    hash: string;
    windowSets: { subject: string; version: string; sourceBlob: string; sourceSha256: string; windows: number }[];
  } | null;
  backend: string | null;
  codeVersion: string;
  modelName: string;
  modelVersion: string | null;
  error: string | null;
  progress: { epoch: number; epochs: number } | null;
  /** Set on the fold runs of an evaluation. */
  evaluation?: { evaluationId: string; configuration: number; fold: number };
}

export interface EpochMetrics {
  epoch: number;
  train: Record<string, number>;
  validation: Record<string, number>;
}

export interface Classification {
  loss: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  rocAuc: number | null;
  confusion: { truePositives: number; falsePositives: number; trueNegatives: number; falseNegatives: number };
}

export interface Evaluation {
  test: Classification & { roc: { falsePositiveRate: number; truePositiveRate: number }[] };
  perSubject: { subject: string; windows: number; metrics: Classification }[];
}

export interface ModelSummary {
  name: string;
  etag: string;
  latestVersion: string | null;
  stages: Record<string, string>;
  updatedAt: string;
}

export interface ModelVersion {
  version: string;
  runId: string;
  metrics: Record<string, number>;
  runCreatedBy: string;
  registeredAt: string;
  status: string;
  trainedOnErasedData: boolean;
}

export interface RegistryEvent {
  sequence: number;
  at: string;
  actor: string;
  action: string;
  version: string | null;
  stage: string | null;
  fromVersion: string | null;
  toVersion: string | null;
  reason: string;
}

export interface AuditEntry {
  sequence: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  details: Record<string, string | number | boolean | null>;
  hash: string;
}

export interface Upload {
  blobName: string;
  status: string;
  kind: string;
  subject: string | null;
  version: string | null;
  sha256: string | null;
  errorCode: string | null;
  reason: string | null;
  updatedAt: string;
}

export interface Dataset {
  subject: string;
  version: string;
  kind: string;
  format: string;
  windows: number;
  contentSha256: string;
  sourceBlob: string;
  sourceSha256: string;
  createdAt: string;
}

export interface DriftPoint {
  id: string;
  createdAt: string;
  inputKind: string;
  windows: number;
  threshold: number;
  flagged: boolean;
  signals: Record<string, { psi: number | null; meanShiftInStd: number | null; flagged: boolean } | undefined>;
}

type EvaluationMetrics = Partial<
  Record<'test_auc' | 'test_accuracy' | 'test_f1_macro' | 'test_balanced_accuracy', number>
>;
interface Spread {
  mean: number;
  std: number | null;
  n: number;
}

/** GET /api/evaluations/{id}, the parts the studio shows. */
export interface Evaluation {
  evaluationId: string;
  experiment: string;
  scheme: string;
  k: number | null;
  subjects: string[];
  configurations: { index: number; params: Record<string, unknown> }[];
  status: string;
  createdBy: string;
  createdAt: string;
  progress: { finished: number; total: number };
  folds: {
    configuration: number;
    fold: number;
    runId: string;
    status: string;
    perSubject: { subject: string; windows: number; metrics: EvaluationMetrics }[];
  }[];
  aggregates: {
    configuration: number;
    rank: number;
    folds: Partial<Record<keyof EvaluationMetrics, Spread>>;
  }[];
}
