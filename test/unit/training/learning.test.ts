import { describe, expect, it } from 'vitest';
import { embeddedBackend } from '../../../src/domain/training/backends/embeddedBackend.js';
import { evaluateModel } from '../../../src/domain/training/evaluate.js';
import { parseTrainingParams } from '../../../src/domain/training/model/params.js';
import { syntheticWindows } from './windowFixtures.js';

describe('embedded training', () => {
  it('learns to separate windows whose classes differ, lowering the loss each epoch', async () => {
    const params = parseTrainingParams({ epochs: 4, batch_size: 16, input_shapes: { BVP: 64, ACC: 64 }, seed: 9 });
    const { model, history } = await embeddedBackend().train(params, syntheticWindows(params, 128, 3));
    const losses = history.map((epoch) => epoch.loss);
    expect(losses).toEqual([...losses].sort((a, b) => b - a));
    const metrics = await evaluateModel(model, syntheticWindows(params, 64, 4));
    expect(metrics.accuracy).toBeGreaterThan(0.9);
    expect(metrics.rocAuc).toBeGreaterThan(0.95);
    await model.dispose();
  });
});
