import { describe, expect, it } from 'vitest';
import { parseTrainingParams, trainingEpochs } from '../../../src/domain/training/model/params.js';
import { featureTreesOptions } from '../../../src/domain/runExecution/featureTreesWork.js';

describe('the model family of a run', () => {
  it('is the CNN unless the params name the feature baseline, which trains in one pass', () => {
    const cnn = parseTrainingParams({ epochs: 7 });
    expect(cnn.family).toBeUndefined();
    expect(trainingEpochs(cnn)).toBe(7);
    const trees = parseTrainingParams({ epochs: 7, family: 'feature-trees' });
    expect(trainingEpochs(trees)).toBe(1);
    expect(() => parseTrainingParams({ family: 'random-forest' })).toThrow();
  });

  it('passes rounds, depth and seed to the trees, with defaults', () => {
    expect(featureTreesOptions(parseTrainingParams({ family: 'feature-trees', seed: 3 }))).toEqual({
      rounds: 100,
      maxDepth: 4,
      learningRate: 0.2,
      subsample: 0.8,
      featureShare: 0.8,
      seed: 3,
    });
    const asked = featureTreesOptions(parseTrainingParams({ family: 'feature-trees', rounds: 12, max_depth: 2 }));
    expect([asked.rounds, asked.maxDepth]).toEqual([12, 2]);
    expect(() => parseTrainingParams({ rounds: 0 })).toThrow();
  });
});
