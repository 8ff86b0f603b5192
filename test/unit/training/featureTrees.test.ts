import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeatureTrees } from '../../../src/domain/training/featureTrees/featureTrees.js';
import { rocAuc } from '../../../src/domain/training/metrics/roc.js';
import { stressWindows } from './stressWindows.js';

const options = { rounds: 40, maxDepth: 4, learningRate: 0.2, subsample: 0.8, featureShare: 0.8, seed: 7 };
const signals = ['EDA', 'BVP', 'TEMP', 'ACC'] as const;
const training = stressWindows(800, 1);
const heldOut = stressWindows(300, 2);
let trees: FeatureTrees;

beforeAll(async () => {
  trees = await FeatureTrees.train(training, signals, options);
});
afterAll(async () => {
  await trees.dispose();
});

describe('the feature baseline (boosted trees over wrist features)', () => {
  it('separates stress on windows it never saw, with probabilities', async () => {
    const probabilities = await trees.predict(heldOut);
    expect(probabilities).toHaveLength(heldOut.count);
    expect(probabilities.every((p) => p > 0 && p < 1)).toBe(true);
    const auc = rocAuc(heldOut.labels, probabilities) ?? 0;
    expect(auc).toBeGreaterThan(0.9);
    expect(auc).toBeLessThan(1);
  });

  it('is reproducible from its seed and differs with another', async () => {
    const again = await FeatureTrees.train(training, signals, options);
    const other = await FeatureTrees.train(training, signals, { ...options, seed: 8 });
    try {
      expect(Array.from(await again.predict(heldOut))).toEqual(Array.from(await trees.predict(heldOut)));
      expect(Array.from(await other.predict(heldOut))).not.toEqual(Array.from(await trees.predict(heldOut)));
    } finally {
      await again.dispose();
      await other.dispose();
    }
  });

  it('predicts the same after a round trip through its artifact', async () => {
    const loaded = await FeatureTrees.fromArtifact(JSON.parse(JSON.stringify(trees.toArtifact())));
    try {
      expect(Array.from(await loaded.predict(heldOut))).toEqual(Array.from(await trees.predict(heldOut)));
      expect(loaded.signals).toEqual(signals);
    } finally {
      await loaded.dispose();
    }
  });

  it('refuses an artifact made for other features, a foreign document, and training on one class', async () => {
    await expect(FeatureTrees.fromArtifact({ ...trees.toArtifact(), featureNames: ['EDA_mean'] })).rejects.toThrow(
      /other features/,
    );
    await expect(FeatureTrees.fromArtifact({ ...trees.toArtifact(), booster: { name: 'x' } })).rejects.toThrow();
    const oneClass = { ...training, labels: new Uint8Array(training.count) };
    await expect(FeatureTrees.train(oneClass, signals, options)).rejects.toThrow(/one class/);
  });
});
