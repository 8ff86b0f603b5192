import { describe, expect, it } from 'vitest';
import { rocAuc, rocCurve } from '../../../src/domain/training/metrics/roc.js';
import { handLabels, handProbabilities } from './metricsCase.js';

describe('rocCurve', () => {
  it('steps through the scores from the highest', () => {
    // Scores in descending order: 0.9 P, 0.8 P, 0.6 N, 0.5 N, 0.4 P, 0.2 N (3 positives, 3 negatives).
    expect(rocCurve(handLabels, handProbabilities)).toEqual([
      { falsePositiveRate: 0, truePositiveRate: 0, threshold: Number.POSITIVE_INFINITY },
      { falsePositiveRate: 0, truePositiveRate: 1 / 3, threshold: 0.9 },
      { falsePositiveRate: 0, truePositiveRate: 2 / 3, threshold: 0.8 },
      { falsePositiveRate: 1 / 3, truePositiveRate: 2 / 3, threshold: 0.6 },
      { falsePositiveRate: 2 / 3, truePositiveRate: 2 / 3, threshold: 0.5 },
      { falsePositiveRate: 2 / 3, truePositiveRate: 1, threshold: 0.4 },
      { falsePositiveRate: 1, truePositiveRate: 1, threshold: 0.2 },
    ]);
  });

  it('takes tied scores in one diagonal step', () => {
    expect(rocCurve([1, 0], [0.5, 0.5])).toEqual([
      { falsePositiveRate: 0, truePositiveRate: 0, threshold: Number.POSITIVE_INFINITY },
      { falsePositiveRate: 1, truePositiveRate: 1, threshold: 0.5 },
    ]);
  });
});

describe('rocAuc', () => {
  it('equals the share of positive/negative pairs ranked correctly', () => {
    // 0.9 and 0.8 outrank all three negatives, 0.4 outranks only 0.2: 7 of 9 pairs.
    expect(rocAuc(handLabels, handProbabilities)).toBeCloseTo(7 / 9, 12);
  });

  it('counts a tied pair as half right', () => {
    expect(rocAuc([1, 0, 1, 0], [0.7, 0.7, 0.9, 0.1])).toBeCloseTo(7 / 8, 12);
  });

  it('is undefined (null) for a single class', () => {
    expect(rocAuc([1, 1], [0.2, 0.9])).toBeNull();
  });
});
