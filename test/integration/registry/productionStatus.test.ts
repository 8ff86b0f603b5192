import { describe, expect, it } from 'vitest';
import { ModelRegistry } from '../../../src/domain/registry/modelRegistry.js';
import { parseRegistryConfig } from '../../../src/domain/registry/registryConfig.js';
import { RegistryError } from '../../../src/domain/registry/registryErrors.js';
import { testStorage, uniqueName } from '../../support/testStorage.js';

const researcher = { id: 'alice', name: 'Alice', roles: ['Researcher'] };
const approver = { id: 'bob', name: 'Bob', roles: ['ModelApprover'] };

async function refusal(promise: Promise<unknown>): Promise<RegistryError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof RegistryError)) throw new Error(`expected a RegistryError, got ${String(error)}`);
  return error;
}

describe('the status of the version in a gated stage', () => {
  it('is changed only by the gate’s roles; versions in ungated stages stay the researchers’', async () => {
    const registry = new ModelRegistry(testStorage(), parseRegistryConfig({}));
    const model = uniqueName('stress-cnn-');
    for (const runId of ['run-1', 'run-2']) {
      await registry.register(
        {
          model,
          runId,
          datasetSnapshot: 'snap',
          artifactPath: 'p',
          artifactSha256: 'c'.repeat(64),
          metrics: { test_auc: 0.9 },
          runCreatedBy: 'alice',
        },
        researcher,
      );
    }
    await registry.assignStage(model, 'production', '1.0.0', approver, 'approved');
    await registry.assignStage(model, 'development', '1.1.0', researcher, 'trying');

    const refused = await refusal(registry.setStatus(model, '1.0.0', 'deprecated', researcher, 'mine now'));
    expect(refused.kind).toBe('forbidden');
    expect(refused.message).toMatch(/production.*ModelApprover/);
    expect((await registry.version(model, '1.0.0')).status).toBe('active');
    // Asking for the status it already has is refused too: the answer must not depend on state.
    expect((await refusal(registry.setStatus(model, '1.0.0', 'deprecated', researcher, 'again'))).kind).toBe(
      'forbidden',
    );

    expect((await registry.setStatus(model, '1.0.0', 'deprecated', approver, 'superseded')).status).toBe('deprecated');
    expect((await registry.setStatus(model, '1.1.0', 'deprecated', researcher, 'not good')).status).toBe('deprecated');
    const actions = (await registry.events(model, 100, undefined)).items.map((event) => [event.action, event.actor]);
    expect(actions.filter(([action]) => action === 'version-deprecated')).toEqual([
      ['version-deprecated', 'bob'],
      ['version-deprecated', 'alice'],
    ]);
  });
});
