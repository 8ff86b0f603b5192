import { describe, expect, it } from 'vitest';
import { EmbeddedModel } from '../../../src/domain/training/engine/embeddedModel.js';
import { decodeCheckpoint, encodeCheckpoint } from '../../../src/domain/training/engine/trainingCheckpoint.js';
import { parseTrainingParams } from '../../../src/domain/training/model/params.js';
import { syntheticWindows } from './windowFixtures.js';

const params = parseTrainingParams({
  epochs: 3,
  batch_size: 8,
  shuffle_buffer_size: 16,
  signals: ['EDA', 'BVP'],
  input_shapes: { BVP: 64 },
  seed: 13,
});

describe('a training checkpoint', () => {
  it('resumes in a fresh model exactly where uninterrupted training would be', async () => {
    const windows = syntheticWindows(params, 40, 8);
    const uninterrupted = await EmbeddedModel.create(params, { threads: 1 });
    const expected = await uninterrupted.fit(windows);

    const logs = [];
    let saved: Buffer | undefined;
    for (let epoch = 0; epoch < params.epochs; epoch++) {
      // A new model per epoch, as a durable activity would build one, fed the previous epoch's bytes.
      const model = await EmbeddedModel.create(params, { threads: 1 });
      const session = model.startTraining(saved === undefined ? undefined : decodeCheckpoint(saved));
      logs.push(await session.runEpoch(windows));
      saved = encodeCheckpoint(session.checkpoint());
      if (epoch === params.epochs - 1) expect(model.getWeights()).toEqual(uninterrupted.getWeights());
    }
    expect(logs).toEqual(expected);
  });

  it('refuses a checkpoint of another architecture', async () => {
    const model = await EmbeddedModel.create(params, { threads: 1 });
    const other = await EmbeddedModel.create(parseTrainingParams({ ...params, signals: ['EDA'] }), { threads: 1 });
    expect(() => model.startTraining(other.startTraining().checkpoint())).toThrow(RangeError);
  });
});
