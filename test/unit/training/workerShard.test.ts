import { describe, expect, it } from 'vitest';
import { EmbeddedModel } from '../../../src/domain/training/engine/embeddedModel.js';
import { parseTrainingParams } from '../../../src/domain/training/model/params.js';
import { syntheticWindows } from './windowFixtures.js';

const params = parseTrainingParams({
  epochs: 2,
  batch_size: 15,
  input_shapes: { EDA: 16, BVP: 64, TEMP: 16, ACC: [64, 3] },
  seed: 21,
});

describe('the embedded engine on two threads', () => {
  it('trains and predicts exactly as on one thread', async () => {
    const windows = syntheticWindows(params, 70, 5);
    const held = syntheticWindows(params, 300, 6);
    const single = await EmbeddedModel.create(params, { threads: 1 });
    const parallel = await EmbeddedModel.create(params, { threads: 2 });
    // Needs the compiled worker (npm run build); without it the comparison below would be vacuous.
    expect(await parallel.usesWorker()).toBe(true);
    expect(await parallel.fit(windows)).toEqual(await single.fit(windows));
    expect(parallel.getWeights()).toEqual(single.getWeights());
    expect(await parallel.predict(held)).toEqual(await single.predict(held));
    await parallel.dispose();
  });
});
