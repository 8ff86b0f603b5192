import { describe, expect, it } from 'vitest';
import { embeddedBackend } from '../../../src/domain/training/backends/embeddedBackend.js';
import { evaluateModel } from '../../../src/domain/training/evaluate.js';
import { parseTrainingParams, type TrainingParamsInput } from '../../../src/domain/training/model/params.js';
import { syntheticWindows } from './windowFixtures.js';

const base: TrainingParamsInput = {
  epochs: 2,
  batch_size: 16,
  shuffle_buffer_size: 32,
  input_shapes: { EDA: 16, BVP: 64, TEMP: 16, ACC: [64, 3] },
};

async function runMetrics(seed: number) {
  const params = parseTrainingParams({ ...base, seed });
  const { model, history } = await embeddedBackend().train(params, syntheticWindows(params, 96, 1));
  const metrics = await evaluateModel(model, syntheticWindows(params, 40, 2));
  await model.dispose();
  return { history, metrics };
}

describe('embedded training', () => {
  it('gives identical history and metrics for the same params, data and seed', async () => {
    const first = await runMetrics(5);
    expect(await runMetrics(5)).toEqual(first);
  });

  it('gives different results for another seed', async () => {
    const first = await runMetrics(5);
    expect((await runMetrics(6)).metrics.loss).not.toBe(first.metrics.loss);
  });
});
