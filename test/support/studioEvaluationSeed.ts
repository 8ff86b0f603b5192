import type { StorageClients } from '../../src/platform/storage/storageClients.js';
import { EvaluationStore } from '../../src/domain/evaluations/evaluationStore.js';
import type { EvaluationRecord, FoldResult } from '../../src/domain/evaluations/evaluationRecords.js';
import { foldRunId, newEvaluationId } from '../../src/domain/evaluations/evaluationIds.js';
import { uniqueName } from './testStorage.js';

/**
 * A finished two-fold LOSO evaluation as the workflow stores it (record, fold results and the
 * aggregate), for the studio's evaluation view: subjects S2 (AUC 0.9) and S3 (AUC 0.7), so the
 * mean is 80 % with a sample standard deviation of 14.14 %.
 */
export async function seedEvaluation(storage: StorageClients): Promise<EvaluationRecord> {
  const createdAt = new Date('2026-12-04T10:00:00.000Z');
  const evaluationId = newEvaluationId(createdAt);
  const confusion = { truePositives: 8, falsePositives: 2, trueNegatives: 20, falseNegatives: 2 };
  const folds = [
    { subject: 'S2', auc: 0.9, runId: foldRunId(evaluationId, createdAt, 0, 0) },
    { subject: 'S3', auc: 0.7, runId: foldRunId(evaluationId, createdAt, 0, 1) },
  ];
  const record: EvaluationRecord = {
    evaluationId,
    experiment: uniqueName('studio-eval-'),
    model: 'stress-cnn',
    scheme: 'loso',
    k: null,
    subjects: ['S2', 'S3'],
    configurations: [{ index: 0, params: { family: 'cnn', epochs: 2 } }],
    parallelism: 1,
    status: 'succeeded',
    createdBy: 'researcher-1',
    createdAt: createdAt.toISOString(),
    startedAt: '2026-12-04T10:00:01.000Z',
    finishedAt: '2026-12-04T10:05:00.000Z',
    folds: folds.map((fold, index) => ({
      configuration: 0,
      fold: index,
      runId: fold.runId,
      testSubjects: [fold.subject],
      validationSubjects: [],
    })),
    progress: { finished: 2, total: 2 },
    aggregates: [
      {
        configuration: 0,
        folds: { test_auc: { mean: 0.8, std: Math.sqrt(0.02), n: 2 } },
        pooled: { test_accuracy: 0.875 },
        pooledConfusion: confusion,
        succeededFolds: 2,
        failedFolds: 0,
        rank: 1,
      },
    ],
    comparisons: [],
    error: null,
  };
  const store = new EvaluationStore(storage);
  await store.create(record);
  for (const [index, fold] of folds.entries()) {
    const result: FoldResult = {
      configuration: 0,
      fold: index,
      runId: fold.runId,
      testSubjects: [fold.subject],
      status: 'succeeded',
      error: null,
      metrics: { test_auc: fold.auc },
      confusion,
      perSubject: [{ subject: fold.subject, windows: 32, metrics: { test_auc: fold.auc }, confusion }],
      recordedAt: '2026-12-04T10:04:00.000Z',
    };
    await store.recordFold(evaluationId, result);
  }
  return record;
}
