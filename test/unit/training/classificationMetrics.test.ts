import { describe, expect, it } from 'vitest';
import {
  binaryCrossEntropy,
  classificationMetrics,
} from '../../../src/domain/training/metrics/classificationMetrics.js';
import { handLabels, handProbabilities } from './metricsCase.js';

describe('classificationMetrics', () => {
  const metrics = classificationMetrics(handLabels, handProbabilities);

  it('computes accuracy, precision, recall and F1 from TP 2, FP 2, TN 1, FN 1', () => {
    expect(metrics.accuracy).toBeCloseTo(3 / 6, 12);
    expect(metrics.precision).toBeCloseTo(2 / 4, 12);
    expect(metrics.recall).toBeCloseTo(2 / 3, 12);
    // 2·(1/2)·(2/3) / (1/2 + 2/3) = (2/3) / (7/6) = 4/7.
    expect(metrics.f1).toBeCloseTo(4 / 7, 12);
    expect(metrics.rocAuc).toBeCloseTo(7 / 9, 12);
    expect(metrics.roc).toHaveLength(7);
  });

  it('computes the loss as the mean of -log of the probability given to the true class', () => {
    const expected =
      -(Math.log(0.9) + Math.log(0.4) + Math.log(0.8) + Math.log(0.4) + Math.log(0.8) + Math.log(0.5)) / 6;
    expect(metrics.loss).toBeCloseTo(expected, 12);
    expect(metrics.loss).toBeCloseTo(0.512896, 6);
  });

  it('clips certain mistakes to -log(1e-7) instead of infinity', () => {
    expect(binaryCrossEntropy([0], [1])).toBeCloseTo(-Math.log(1e-7), 6);
  });

  it('records the decision threshold its counts are at', () => {
    expect(metrics.threshold).toBe(0.5);
    const strict = classificationMetrics(handLabels, handProbabilities, 0.85);
    expect(strict.threshold).toBe(0.85);
    expect(strict.confusion.truePositives + strict.confusion.falsePositives).toBe(
      handProbabilities.filter((probability) => probability >= 0.85).length,
    );
  });

  it('reports 0 rather than NaN when nothing is predicted positive', () => {
    const none = classificationMetrics([1, 0], [0.1, 0.2]);
    expect(none.precision).toBe(0);
    expect(none.recall).toBe(0);
    expect(none.f1).toBe(0);
  });
});
