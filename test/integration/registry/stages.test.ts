import { describe, expect, it } from 'vitest';
import { ModelRegistry } from '../../../src/domain/registry/modelRegistry.js';
import { parseRegistryConfig } from '../../../src/domain/registry/registryConfig.js';
import { RegistryError } from '../../../src/domain/registry/registryErrors.js';
import { testStorage, uniqueName } from '../../support/testStorage.js';

const alice = { id: 'alice', name: 'Alice', roles: ['Researcher'] };
const bob = { id: 'bob', name: 'Bob', roles: ['ModelApprover'] };
const aliceApprover = { id: 'alice', name: 'Alice', roles: ['ModelApprover'] };

async function modelWithVersions(registry: ModelRegistry, aucs: number[]): Promise<string> {
  const model = uniqueName('stress-cnn-');
  for (const [index, auc] of aucs.entries()) {
    await registry.register(
      {
        model,
        runId: `run-${index}`,
        datasetSnapshot: 'snap',
        artifactPath: 'p',
        artifactSha256: 'b'.repeat(64),
        metrics: { test_auc: auc },
        runCreatedBy: 'alice',
      },
      alice,
    );
  }
  return model;
}

async function refusal(promise: Promise<unknown>): Promise<RegistryError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof RegistryError)) throw new Error(`expected a RegistryError, got ${String(error)}`);
  return error;
}

describe('stages, gates and history', () => {
  const registry = new ModelRegistry(testStorage(), parseRegistryConfig({}));

  it('assigns an ungated stage and records who, why, from and to', async () => {
    const model = await modelWithVersions(registry, [0.8, 0.92]);
    await registry.assignStage(model, 'staging', '1.0.0', alice, 'first look');
    await registry.assignStage(model, 'staging', '1.1.0', alice, 'better AUC');
    expect((await registry.versionInStage(model, 'staging')).version).toBe('1.1.0');
    const { items } = await registry.events(model, 100, undefined);
    expect(items.slice(-2)).toEqual([
      expect.objectContaining({
        action: 'stage-assigned',
        stage: 'staging',
        fromVersion: null,
        toVersion: '1.0.0',
        actor: 'alice',
        reason: 'first look',
      }),
      expect.objectContaining({
        action: 'stage-assigned',
        stage: 'staging',
        fromVersion: '1.0.0',
        toVersion: '1.1.0',
        reason: 'better AUC',
      }),
    ]);
  });

  it('refuses production below the AUC threshold or by the run creator', async () => {
    const model = await modelWithVersions(registry, [0.8, 0.95]);
    const low = await refusal(registry.assignStage(model, 'production', '1.0.0', bob, 'try'));
    expect(low.kind).toBe('gate-refused');
    expect(low.details.checks).toEqual(
      expect.arrayContaining([expect.objectContaining({ check: 'metric test_auc ≥ 0.85', passed: false })]),
    );
    expect((await refusal(registry.assignStage(model, 'production', '1.1.0', aliceApprover, 'mine'))).kind).toBe(
      'gate-refused',
    );
    expect((await refusal(registry.assignStage(model, 'production', '1.1.0', alice, 'no role'))).kind).toBe(
      'gate-refused',
    );

    await registry.assignStage(model, 'production', '1.1.0', bob, 'reviewed');
    expect((await registry.versionInStage(model, 'production')).version).toBe('1.1.0');
  });

  it('lets exactly one of ten racing assignments with the same ETag win', async () => {
    const model = await modelWithVersions(registry, [0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9]);
    const { etag } = await registry.summary(model);
    const versions = Array.from({ length: 10 }, (_, index) => `1.${index}.0`);
    const results = await Promise.allSettled(
      versions.map((version) => registry.assignStage(model, 'staging', version, alice, `race ${version}`, etag)),
    );
    const winners = results.filter((result) => result.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect((result.reason as RegistryError).kind).toBe('conflict');
    }
    const { items } = await registry.events(model, 100, undefined);
    const assignments = items.filter((event) => event.action === 'stage-assigned');
    expect(assignments).toHaveLength(1);
    expect(assignments[0]?.toVersion).toBe((await registry.versionInStage(model, 'staging')).version);
  });

  it('unassigns, deprecates and archives, keeping archived versions out of stages', async () => {
    const model = await modelWithVersions(registry, [0.9, 0.91]);
    await registry.assignStage(model, 'development', '1.0.0', alice, 'dev');
    expect((await refusal(registry.setStatus(model, '1.0.0', 'archived', alice, 'old'))).kind).toBe('conflict');
    await registry.unassignStage(model, 'development', alice, 'done');
    await registry.setStatus(model, '1.0.0', 'archived', alice, 'old');
    await registry.setStatus(model, '1.1.0', 'deprecated', alice, 'superseded');
    expect((await refusal(registry.assignStage(model, 'staging', '1.0.0', alice, 'x'))).kind).toBe('conflict');
    expect((await refusal(registry.assignStage(model, 'staging', '1.1.0', alice, 'x'))).kind).toBe('conflict');
    expect((await refusal(registry.versionInStage(model, 'development'))).kind).toBe('not-found');
    const actions = (await registry.events(model, 100, undefined)).items.map((event) => event.action);
    expect(actions.slice(2)).toEqual(['stage-assigned', 'stage-unassigned', 'version-archived', 'version-deprecated']);
  });

  it('rejects stages outside the configured set, and honours a configured set', async () => {
    const model = await modelWithVersions(registry, [0.9]);
    expect((await refusal(registry.assignStage(model, 'pre-release', '1.0.0', alice, 'x'))).kind).toBe('invalid');
    const designStages = new ModelRegistry(
      testStorage(),
      parseRegistryConfig({ REGISTRY_STAGES: 'training,pre-release,production' }),
    );
    await designStages.assignStage(model, 'pre-release', '1.0.0', alice, 'as the design named it');
    expect((await designStages.versionInStage(model, 'pre-release')).version).toBe('1.0.0');
  });
});
