import { describe, expect, it } from 'vitest';
import { confusionMatrix } from '../../../src/domain/training/metrics/confusion.js';
import { handLabels, handProbabilities } from './metricsCase.js';

describe('confusionMatrix', () => {
  it('counts each decision at the 0.5 threshold, a tie counting as positive', () => {
    expect(confusionMatrix(handLabels, handProbabilities)).toEqual({
      truePositives: 2,
      falsePositives: 2,
      trueNegatives: 1,
      falseNegatives: 1,
    });
  });

  it('moves decisions with the threshold', () => {
    expect(confusionMatrix(handLabels, handProbabilities, 0.85)).toEqual({
      truePositives: 1,
      falsePositives: 0,
      trueNegatives: 3,
      falseNegatives: 2,
    });
  });

  it('rejects labels and predictions of different lengths', () => {
    expect(() => confusionMatrix([1, 0], [0.3])).toThrow(RangeError);
  });
});
