import { ModelRegistry } from '../../src/domain/registry/modelRegistry.js';
import { parseRegistryConfig } from '../../src/domain/registry/registryConfig.js';
import type { Actor } from '../../src/platform/identity/actor.js';
import { testStorage, uniqueName } from './testStorage.js';

/**
 * A registered version of `model` in `development` whose artifact does not exist: enough for the
 * predict route to read (and refuse) an uploaded recording, which happens before a model is loaded.
 */
export async function stagedVersionWithoutArtifact(model: string, actor: Actor, reason: string): Promise<void> {
  const registry = new ModelRegistry(testStorage(), parseRegistryConfig({}));
  const version = await registry.register(
    {
      model,
      runId: uniqueName('run-'),
      datasetSnapshot: 'none',
      artifactPath: `runs/${uniqueName('absent-')}/model.zip`,
      artifactSha256: '0'.repeat(64),
      metrics: {},
      runCreatedBy: actor.id,
    },
    actor,
  );
  await registry.assignStage(model, 'development', version.version, actor, reason);
}
