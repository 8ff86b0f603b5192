import { describe, expect, it } from 'vitest';
import { chooseTrainingBackend, loadStressModel } from '../../../src/domain/training/backends.js';
import { embeddedBackend } from '../../../src/domain/training/backends/embeddedBackend.js';
import { parseTrainingParams } from '../../../src/domain/training/model/params.js';
import { syntheticWindows } from './windowFixtures.js';

const unavailable = () => Promise.resolve("Cannot find package '@tensorflow/tfjs-node'");
const available = () => Promise.resolve(undefined);

describe('chooseTrainingBackend', () => {
  it('falls back to the embedded engine, saying why, when tfjs-node does not load', async () => {
    const choice = await chooseTrainingBackend('auto', unavailable);
    expect(choice.backend.name).toBe('embedded');
    expect(choice.reason).toContain("Cannot find package '@tensorflow/tfjs-node'");
  });

  it('prefers tfjs-node when it loads', async () => {
    expect((await chooseTrainingBackend('auto', available)).backend.name).toBe('tfjs-node');
  });

  it('fails when tfjs-node is required but does not load', async () => {
    await expect(chooseTrainingBackend('tfjs-node', unavailable)).rejects.toThrow('tfjs-node is unavailable');
  });

  it('gives the embedded engine on request without trying tfjs-node', async () => {
    const never = () => Promise.reject(new Error('must not be called'));
    expect((await chooseTrainingBackend('embedded', never)).backend.name).toBe('embedded');
  });

  it('loads saved files on the requested backend', async () => {
    const params = parseTrainingParams({ epochs: 1, signals: ['TEMP'], seed: 2 });
    const windows = syntheticWindows(params, 8);
    const { model } = await embeddedBackend({ threads: 1 }).train(params, windows);
    const loaded = await loadStressModel(await model.save(), 'embedded');
    expect(loaded.backend).toBe('embedded');
    expect(await loaded.predict(windows)).toEqual(await model.predict(windows));
    await loaded.dispose();
  });
});
