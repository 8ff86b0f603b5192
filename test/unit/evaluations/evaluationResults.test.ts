import { describe, expect, it } from 'vitest';
import { meanStd, metricsOfConfusion, pooledConfusion } from '../../../src/domain/evaluations/foldMetrics.js';
import { aggregatesOf, comparisonsOf } from '../../../src/domain/evaluations/evaluationResults.js';
import type { FoldResult } from '../../../src/domain/evaluations/evaluationRecords.js';
import { configurationsOf } from '../../../src/domain/evaluations/evaluationRequest.js';

const matrix = (tp: number, fp: number, tn: number, fn: number) => ({
  truePositives: tp,
  falsePositives: fp,
  trueNegatives: tn,
  falseNegatives: fn,
});

function fold(configuration: number, index: number, auc: number, confusion = matrix(8, 2, 18, 2)): FoldResult {
  return {
    configuration,
    fold: index,
    runId: `r${configuration}${index}`,
    testSubjects: [`S${index + 2}`],
    status: 'succeeded',
    error: null,
    metrics: { ...metricsOfConfusion(confusion, auc) },
    confusion,
    perSubject: [],
    recordedAt: '2026-12-04T00:00:00Z',
  };
}

describe('fold metrics', () => {
  it('computes accuracy, macro F1 and balanced accuracy as scikit-learn does', () => {
    // y_true = [1]*10 + [0]*20, 8 stress found, 2 non-stress called stress:
    // sklearn: accuracy 26/30; f1 stress 16/20 = 0.8, f1 non-stress 36/40 = 0.9, macro 0.85;
    // recall stress 0.8, non-stress 18/20 = 0.9, balanced accuracy 0.85.
    const metrics = metricsOfConfusion(matrix(8, 2, 18, 2), 0.93);
    expect(metrics.test_accuracy).toBeCloseTo(26 / 30, 12);
    expect(metrics.test_f1_macro).toBeCloseTo(0.85, 12);
    expect(metrics.test_balanced_accuracy).toBeCloseTo(0.85, 12);
    expect(metrics.test_auc).toBe(0.93);
  });

  it('averages recall over the classes present only, and F1 of an absent, never predicted class is 0', () => {
    // Only non-stress windows, all right: balanced accuracy 1 (sklearn warns, averages the class present).
    const metrics = metricsOfConfusion(matrix(0, 0, 10, 0), null);
    expect(metrics.test_balanced_accuracy).toBe(1);
    expect(metrics.test_f1_macro).toBe(0.5);
    expect(metrics.test_auc).toBeUndefined();
  });

  it('pools matrices and takes the sample standard deviation over folds', () => {
    expect(pooledConfusion([matrix(1, 2, 3, 4), matrix(10, 20, 30, 40)])).toEqual(matrix(11, 22, 33, 44));
    const stats = meanStd([0.6, 0.8, 1.0]);
    expect(stats?.mean).toBeCloseTo(0.8, 12);
    expect(stats?.std).toBeCloseTo(0.2, 12);
    expect(meanStd([0.7])).toEqual({ mean: 0.7, std: null, n: 1 });
    expect(meanStd([])).toBeUndefined();
  });
});

describe('aggregates of an evaluation', () => {
  it('ranks configurations by mean AUC and compares each with the best on paired folds', () => {
    const aucs = [
      [0.9, 0.85, 0.95, 0.8, 0.88, 0.92],
      [0.7, 0.75, 0.72, 0.6, 0.8, 0.71],
    ];
    const folds = aucs.flatMap((values, configuration) => values.map((auc, index) => fold(configuration, index, auc)));
    folds.push({ ...fold(1, 6, 0), status: 'failed', metrics: {}, confusion: null, error: 'boom' });
    const aggregates = aggregatesOf(2, folds);
    expect(aggregates.map((aggregate) => aggregate.rank)).toEqual([1, 2]);
    expect(aggregates[0]?.folds.test_auc?.mean).toBeCloseTo(0.88333333333, 9);
    expect(aggregates[1]?.succeededFolds).toBe(6);
    expect(aggregates[1]?.failedFolds).toBe(1);
    expect(aggregates[0]?.pooledConfusion).toEqual(matrix(48, 12, 108, 12));
    const [comparison] = comparisonsOf(aggregates, folds);
    expect(comparison).toMatchObject({ configuration: 1, against: 0, metric: 'test_auc' });
    expect(comparison?.meanDifference).toBeCloseTo(-(0.88333333333 - 0.71333333333), 9);
    // All six differences negative: the smallest two-sided exact p for n = 6.
    expect(comparison?.test.pValue).toBe(0.03125);
  });

  it('has no comparison for a single configuration', () => {
    const folds = [fold(0, 0, 0.9), fold(0, 1, 0.8)];
    expect(comparisonsOf(aggregatesOf(1, folds), folds)).toEqual([]);
  });
});

describe('configurations of a sweep', () => {
  it('expands the grid over the base params, last key fastest, and names the configuration of a bad value', () => {
    const configurations = configurationsOf({
      params: { epochs: 2 },
      grid: { learning_rate: [0.01, 0.001], kernel_size: [3, 5] },
    });
    expect(configurations.map((configuration) => configuration.params)).toEqual([
      { epochs: 2, learning_rate: 0.01, kernel_size: 3 },
      { epochs: 2, learning_rate: 0.01, kernel_size: 5 },
      { epochs: 2, learning_rate: 0.001, kernel_size: 3 },
      { epochs: 2, learning_rate: 0.001, kernel_size: 5 },
    ]);
    expect(() => configurationsOf({ params: {}, grid: { epochs: [2, 100000] } })).toThrow(/configurations/);
    expect(configurationsOf({ params: { epochs: 3 } })).toEqual([{ index: 0, params: { epochs: 3 } }]);
  });
});
