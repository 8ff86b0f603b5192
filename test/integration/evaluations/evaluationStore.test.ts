import { describe, expect, it } from 'vitest';
import { EvaluationStore } from '../../../src/domain/evaluations/evaluationStore.js';
import { newEvaluationId } from '../../../src/domain/evaluations/evaluationIds.js';
import type { EvaluationRecord, FoldResult } from '../../../src/domain/evaluations/evaluationRecords.js';
import { testStorage } from '../../support/testStorage.js';

const store = new EvaluationStore(testStorage());

function record(): EvaluationRecord {
  return {
    evaluationId: newEvaluationId(new Date()),
    experiment: 'default',
    model: 'stress-cnn',
    scheme: 'loso',
    k: null,
    subjects: ['S2', 'S3'],
    configurations: [{ index: 0, params: { epochs: 1 } }],
    parallelism: 2,
    status: 'queued',
    createdBy: 'researcher',
    createdAt: new Date().toISOString(),
    startedAt: null,
    finishedAt: null,
    folds: [],
    progress: { finished: 0, total: 2 },
    aggregates: [],
    comparisons: [],
    error: null,
  };
}

function fold(configuration: number, index: number, auc: number): FoldResult {
  return {
    configuration,
    fold: index,
    runId: `r${index}`,
    testSubjects: [`S${index}`],
    status: 'succeeded',
    error: null,
    metrics: { test_auc: auc },
    confusion: null,
    perSubject: [],
    recordedAt: new Date().toISOString(),
  };
}

describe('the evaluation store (Azurite)', () => {
  it('creates idempotently: a second create returns the stored record', async () => {
    const first = record();
    await store.create(first);
    expect(await store.create({ ...first, status: 'failed' })).toEqual(first);
    expect(await store.get(first.evaluationId)).toEqual(first);
  });

  // Optimistic concurrency on entities: "Update Entity" with If-Match fails with 412 when the ETag
  // no longer matches (learn.microsoft.com/rest/api/storageservices/update-entity2); the store re-reads.
  it('applies concurrent updates under the ETag without losing any', async () => {
    const evaluation = record();
    await store.create(evaluation);
    await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        store.update(evaluation.evaluationId, (current) => ({
          ...current,
          subjects: [...current.subjects, `X${index}`],
        })),
      ),
    );
    const updated = await store.require(evaluation.evaluationId);
    expect(updated.subjects.slice(2).sort()).toEqual(['X0', 'X1', 'X2', 'X3', 'X4', 'X5']);
  });

  it('keeps one row per fold, replaced when recorded again, listed by configuration then fold', async () => {
    const evaluation = record();
    await store.create(evaluation);
    await store.recordFold(evaluation.evaluationId, fold(1, 0, 0.5));
    await store.recordFold(evaluation.evaluationId, fold(0, 10, 0.6));
    await store.recordFold(evaluation.evaluationId, fold(0, 2, 0.7));
    await store.recordFold(evaluation.evaluationId, fold(0, 2, 0.8));
    const folds = await store.folds(evaluation.evaluationId);
    expect(folds.map((entry) => [entry.configuration, entry.fold, entry.metrics.test_auc])).toEqual([
      [0, 2, 0.8],
      [0, 10, 0.6],
      [1, 0, 0.5],
    ]);
  });
});
