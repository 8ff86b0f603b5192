import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { embeddedBackend } from '../../../src/domain/training/backends/embeddedBackend.js';
import { parseTrainingParams } from '../../../src/domain/training/model/params.js';
import { readModelDirectory, writeModelDirectory } from '../../../src/domain/training/serialization/modelFiles.js';
import { syntheticWindows } from './windowFixtures.js';

const params = parseTrainingParams({ epochs: 1, signals: ['EDA', 'TEMP'], seed: 4 });
const directories: string[] = [];

describe('model files', () => {
  afterAll(async () => {
    await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
  });

  it('reload from model.json and weights.bin into the same predictions', async () => {
    const windows = syntheticWindows(params, 8);
    const { model } = await embeddedBackend({ threads: 1 }).train(params, windows);
    const directory = await mkdtemp(join(tmpdir(), 'stress-model-'));
    directories.push(directory);
    await writeModelDirectory(directory, await model.save());
    const reloaded = await embeddedBackend({ threads: 1 }).load(await readModelDirectory(directory));
    expect(reloaded.params).toEqual(params);
    expect(await reloaded.describe()).toBe('wasm kernels, 1 thread');
    expect(await reloaded.predict(windows)).toEqual(await model.predict(windows));
  });

  it('list every weight under its tfjs layer name, in the manifest order of the binary', async () => {
    const { model } = await embeddedBackend({ threads: 1 }).train(params, syntheticWindows(params, 4));
    const files = await model.save();
    const names = files.modelJson.weightsManifest[0]?.weights.map((w) => w.name);
    expect(names).toEqual([
      'EDA_conv1/kernel',
      'EDA_conv1/bias',
      'EDA_conv2/kernel',
      'EDA_conv2/bias',
      'TEMP_conv1/kernel',
      'TEMP_conv1/bias',
      'TEMP_conv2/kernel',
      'TEMP_conv2/bias',
      'dense/kernel',
      'dense/bias',
      'output/kernel',
      'output/bias',
    ]);
    // 2 × (3·1·32 + 32 + 3·32·64 + 64) + 128·64 + 64 + 64 + 1 floats.
    expect(files.weightsBin.byteLength).toBe(4 * (2 * (96 + 32 + 6144 + 64) + 8192 + 64 + 64 + 1));
  });

  it('refuse a weights file shorter than its manifest', async () => {
    const { model } = await embeddedBackend({ threads: 1 }).train(params, syntheticWindows(params, 4));
    const files = await model.save();
    const truncated = { ...files, weightsBin: files.weightsBin.subarray(0, files.weightsBin.byteLength - 4) };
    await expect(embeddedBackend({ threads: 1 }).load(truncated)).rejects.toThrow('weights.bin');
  });
});
