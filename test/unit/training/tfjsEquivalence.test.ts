import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { embeddedBackend } from '../../../src/domain/training/backends/embeddedBackend.js';
import { tfjsBackend } from '../../../src/domain/training/backends/tfjsBackend.js';
import { parseTrainingParams } from '../../../src/domain/training/model/params.js';
import { syntheticWindows } from './windowFixtures.js';

const params = parseTrainingParams({ epochs: 1, seed: 3, input_shapes: { ACC: [64, 3], BVP: 64 } });
const windows = syntheticWindows(params, 6);

function expectClose(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((value, i) => {
    expect(Math.abs(value - (expected[i] ?? Number.NaN))).toBeLessThan(1e-4);
  });
}

describe('the embedded engine and tfjs-layers compute the same model', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('predicts the same for weights the engine trained, loaded into tfjs', async () => {
    const { model } = await embeddedBackend().train(params, windows);
    const files = await model.save();
    const inTfjs = await tfjsBackend('tfjs-cpu').load(files);
    expectClose(await inTfjs.predict(windows), await model.predict(windows));
    await inTfjs.dispose();
    await model.dispose();
  });

  it('predicts the same for weights tfjs trained, loaded into the engine', async () => {
    const { model: tfjsModel } = await tfjsBackend('tfjs-cpu').train(params, windows);
    const inEngine = await embeddedBackend().load(await tfjsModel.save());
    expectClose(await inEngine.predict(windows), await tfjsModel.predict(windows));
    await tfjsModel.dispose();
    await inEngine.dispose();
  });
});
