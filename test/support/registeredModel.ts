import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import type { StorageClients } from '../../src/platform/storage/storageClients.js';
import type { Actor } from '../../src/platform/identity/actor.js';
import { ModelRegistry } from '../../src/domain/registry/modelRegistry.js';
import { parseRegistryConfig } from '../../src/domain/registry/registryConfig.js';
import type { ModelVersion } from '../../src/domain/registry/registryRecords.js';
import { runPaths, writeModelsBlob } from '../../src/domain/runs/checkpointStore.js';
import { embeddedBackend } from '../../src/domain/training/backends/embeddedBackend.js';
import { modelLayout } from '../../src/domain/training/model/architecture.js';
import { parseTrainingParams } from '../../src/domain/training/model/params.js';
import { SeededRandom } from '../../src/domain/training/random.js';
import { WEIGHTS_FILE } from '../../src/domain/training/serialization/layersFormat.js';
import { MODEL_JSON_FILE } from '../../src/domain/training/serialization/modelFiles.js';
import type { WindowSet } from '../../src/domain/training/windows.js';
import { uniqueName } from './testStorage.js';

/** A model artifact as a run writes it (model.json and the weights in one zip), and its sha256. */
export interface ModelArtifact {
  archive: Buffer;
  sha256: string;
}

/**
 * A stress model trained for one epoch on a few random windows with the design's default params:
 * a real artifact in seconds. Different seeds give different weights, so two such models give
 * different probabilities for the same recording.
 */
export async function trainedArtifact(seed: number): Promise<ModelArtifact> {
  const params = parseTrainingParams({ epochs: 1, seed });
  const random = new SeededRandom(seed);
  const count = 64;
  const signals: WindowSet['signals'] = {};
  for (const branch of modelLayout(params).branches) {
    signals[branch.signal] = Float32Array.from({ length: count * branch.length * branch.channels }, () =>
      random.next(),
    );
  }
  const labels = Uint8Array.from({ length: count }, (_, index) => index % 2);
  const { model } = await embeddedBackend({ threads: 1 }).train(params, { count, signals, labels });
  try {
    const files = await model.save();
    const archive = Buffer.from(
      zipSync({ [MODEL_JSON_FILE]: Buffer.from(JSON.stringify(files.modelJson)), [WEIGHTS_FILE]: files.weightsBin }),
    );
    return { archive, sha256: createHash('sha256').update(archive).digest('hex') };
  } finally {
    await model.dispose();
  }
}

/** Registers `artifact` as the next version of `model`, stored where a run of its own would store it. */
export async function registerArtifact(
  storage: StorageClients,
  model: string,
  artifact: ModelArtifact,
  actor: Actor,
): Promise<ModelVersion> {
  const runId = uniqueName('run-');
  await writeModelsBlob(storage, runPaths.artifact(runId), artifact.archive, 'application/zip');
  return new ModelRegistry(storage, parseRegistryConfig({})).register(
    {
      model,
      runId,
      datasetSnapshot: 'none',
      artifactPath: runPaths.artifact(runId),
      artifactSha256: artifact.sha256,
      metrics: {},
      runCreatedBy: actor.id,
    },
    actor,
  );
}
