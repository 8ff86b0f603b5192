export type VersionStatus = 'active' | 'deprecated' | 'archived';

export interface ModelVersion {
  model: string;
  version: string;
  runId: string;
  /** Content hash of the dataset snapshot the run trained on. */
  datasetSnapshot: string;
  artifactPath: string;
  artifactSha256: string;
  metrics: Record<string, number>;
  /** Who started the run; gates may require an approver other than them. */
  runCreatedBy: string;
  registeredBy: string;
  registeredAt: string;
  status: VersionStatus;
  /** Set when a subject the run trained on was erased (GDPR); the version stays auditable. */
  trainedOnErasedData: boolean;
  /** The model family (`cnn`, `feature-trees`); versions registered before families existed are CNNs. */
  family?: string;
  /** The evaluation that justified training this version (POST /api/evaluations/{id}/register), as it ended. */
  evaluation?: EvaluationBasis;
}

/** What a version keeps of the evaluation behind it: enough for a gate to judge without looking it up. */
export interface EvaluationBasis {
  evaluationId: string;
  scheme: string;
  configuration: number;
  folds: number;
  /** Mean over the folds of each metric (test_auc, test_accuracy, test_f1_macro, test_balanced_accuracy). */
  means: Record<string, number>;
}

export interface StageAssignment {
  model: string;
  stage: string;
  version: string;
  assignedBy: string;
  assignedAt: string;
  reason: string;
}

export type RegistryAction =
  | 'version-registered'
  | 'stage-assigned'
  | 'stage-unassigned'
  | 'version-deprecated'
  | 'version-archived'
  | 'version-data-erased';

/** One entry of a model's append-only history. */
export interface RegistryEvent {
  model: string;
  sequence: number;
  at: string;
  actor: string;
  action: RegistryAction;
  version: string | null;
  stage: string | null;
  /** For stage changes: the version that held the stage before and the one after. */
  fromVersion: string | null;
  toVersion: string | null;
  reason: string;
}

export interface ModelSummary {
  name: string;
  /** Changes with every change to the model; send it as If-Match to change the model safely. */
  etag: string;
  latestVersion: string | null;
  stages: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}
