import { describe, expect, it } from 'vitest';
import { ModelRegistry, type VersionRegistration } from '../../../src/domain/registry/modelRegistry.js';
import { parseRegistryConfig } from '../../../src/domain/registry/registryConfig.js';
import { RegistryError } from '../../../src/domain/registry/registryErrors.js';
import { testStorage, uniqueName } from '../../support/testStorage.js';

const researcher = { id: 'alice', name: 'Alice', roles: ['Researcher'] };

function registration(model: string, runId: string, extra: Partial<VersionRegistration> = {}): VersionRegistration {
  return {
    model,
    runId,
    datasetSnapshot: 'snap-1',
    artifactPath: `models/${model}/${runId}/model.json`,
    artifactSha256: 'a'.repeat(64),
    metrics: { test_auc: 0.9 },
    runCreatedBy: 'alice',
    ...extra,
  };
}

describe('registering model versions', () => {
  const registry = new ModelRegistry(testStorage(), parseRegistryConfig({}));

  it('starts at 1.0.0, bumps minor by default, and honours an explicit version', async () => {
    const model = uniqueName('stress-cnn-');
    expect((await registry.register(registration(model, 'run-1'), researcher)).version).toBe('1.0.0');
    expect((await registry.register(registration(model, 'run-2'), researcher)).version).toBe('1.1.0');
    expect((await registry.register(registration(model, 'run-3', { bump: 'major' }), researcher)).version).toBe(
      '2.0.0',
    );
    expect((await registry.register(registration(model, 'run-4', { version: '2.0.7' }), researcher)).version).toBe(
      '2.0.7',
    );
    expect((await registry.summary(model)).latestVersion).toBe('2.0.7');
    expect((await registry.versions(model)).map((v) => v.version)).toEqual(['1.0.0', '1.1.0', '2.0.0', '2.0.7']);
  });

  it('returns the same version when the same run is registered again (a retried activity)', async () => {
    const model = uniqueName('stress-cnn-');
    const first = await registry.register(registration(model, 'run-x'), researcher);
    const again = await registry.register(registration(model, 'run-x'), researcher);
    expect(again).toEqual(first);
    const { items } = await registry.events(model, 100, undefined);
    expect(items.map((event) => event.action)).toEqual(['version-registered']);
  });

  it('refuses a duplicate explicit version and a malformed one', async () => {
    const model = uniqueName('stress-cnn-');
    await registry.register(registration(model, 'run-a', { version: '1.2.3' }), researcher);
    await expect(registry.register(registration(model, 'run-b', { version: '1.2.3' }), researcher)).rejects.toThrow(
      /already exists/,
    );
    await expect(registry.register(registration(model, 'run-c', { version: 'v1' }), researcher)).rejects.toBeInstanceOf(
      RegistryError,
    );
  });

  it('registers concurrent runs as distinct versions with one event each', async () => {
    const model = uniqueName('stress-cnn-');
    const versions = await Promise.all(
      Array.from({ length: 5 }, (_, index) => registry.register(registration(model, `run-${index}`), researcher)),
    );
    expect(new Set(versions.map((v) => v.version)).size).toBe(5);
    const { items } = await registry.events(model, 100, undefined);
    expect(items.map((event) => event.sequence)).toEqual([1, 2, 3, 4, 5]);
  });
});
