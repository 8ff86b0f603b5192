/** What the training orchestration plans and hears back from each epoch. */
export interface RunPlan {
  runId: string;
  epochs: number;
}

export interface EpochSummary {
  epoch: number;
  epochs: number;
  trainLoss: number;
  trainAccuracy: number;
  validationLoss: number | null;
  validationAuc: number | null;
}
