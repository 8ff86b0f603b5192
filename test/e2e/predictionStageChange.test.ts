import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticSubject } from '../../src/domain/wesad/synthetic/syntheticSubject.js';
import { e4Zip } from '../../src/domain/wesad/synthetic/e4Export.js';
import type { ModelVersion } from '../../src/domain/registry/registryRecords.js';
import type { HostProcess } from '../support/hostProcess.js';
import { startProductHost } from '../support/productHost.js';
import { testStorage, uniqueName } from '../support/testStorage.js';
import { bearer, devTokens } from '../support/devTokens.js';
import { registerArtifact, trainedArtifact } from '../support/registeredModel.js';

/**
 * The prediction route keeps loaded models per version (src/domain/prediction/modelCache.ts) and
 * asks the registry which version is in the stage on every request. A stage change must therefore
 * reach the very next prediction: the answer names the new version and comes from its weights, and
 * going back answers exactly as the first version did (served from the cache again).
 */
const researcher = { id: 'researcher-1', name: 'researcher@example.org', roles: ['Researcher'] };
let host: HostProcess;
let model: string;
let first: ModelVersion;
let second: ModelVersion;
const recording = e4Zip(syntheticSubject({ subject: 'S81', seconds: 120, seed: 8 }));

beforeAll(async () => {
  host = await startProductHost('predict-stage');
  model = uniqueName('stage-cnn-');
  const storage = testStorage();
  first = await registerArtifact(storage, model, await trainedArtifact(1), researcher);
  second = await registerArtifact(storage, model, await trainedArtifact(2), researcher);
}, 120_000);

afterAll(async () => {
  await host.kill('SIGTERM');
});

async function assign(version: string): Promise<void> {
  const response = await fetch(`${host.origin}/api/models/${model}/stages/staging`, {
    method: 'PUT',
    headers: { ...bearer(devTokens.researcher), 'content-type': 'application/json' },
    body: JSON.stringify({ version, reason: 'try it' }),
  });
  expect(response.status).toBe(200);
}

async function predict(): Promise<{ version: string; probabilities: (number | null)[] }> {
  const response = await fetch(`${host.origin}/api/models/${model}/stages/staging/predict`, {
    method: 'POST',
    headers: { ...bearer(devTokens.researcher), 'content-type': 'application/zip' },
    body: recording,
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { version: string; windows: { stressProbability: number | null }[] };
  return { version: body.version, probabilities: body.windows.map((window) => window.stressProbability) };
}

describe('prediction after a stage change', () => {
  it('uses the version now in the stage from the next request on, and its own weights', async () => {
    await assign(first.version);
    const before = await predict();
    expect(before.version).toBe(first.version);
    expect(before.probabilities.filter((probability) => probability !== null).length).toBeGreaterThan(5);

    await assign(second.version);
    const after = await predict();
    expect(after.version).toBe(second.version);
    expect(after.probabilities).toHaveLength(before.probabilities.length);
    // Different weights: the answer is the second model's, not the cached first one relabelled.
    expect(after.probabilities).not.toEqual(before.probabilities);

    await assign(first.version);
    expect(await predict()).toEqual(before);
  });
});
