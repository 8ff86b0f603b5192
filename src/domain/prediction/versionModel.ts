import { unzipSync } from 'fflate';
import type { StorageClients } from '../../platform/storage/storageClients.js';
import type { ModelVersion } from '../registry/registryRecords.js';
import { readArtifact } from '../registry/artifactDownload.js';
import { chooseTrainingBackend, parseLayersModelJson, type StressModel } from '../training/index.js';
import { WEIGHTS_FILE } from '../training/serialization/layersFormat.js';
import { MODEL_JSON_FILE } from '../training/serialization/modelFiles.js';

/** A registered version's model, from its sha256-verified artifact, on the best available backend. */
export async function loadVersionModel(storage: StorageClients, version: ModelVersion): Promise<StressModel> {
  const { content } = await readArtifact(storage, version);
  const files = unzipSync(new Uint8Array(content.buffer, content.byteOffset, content.byteLength));
  const modelJson = files[MODEL_JSON_FILE];
  const weightsBin = files[WEIGHTS_FILE];
  if (modelJson === undefined || weightsBin === undefined) {
    throw new Error(`The artifact of ${version.model}@${version.version} lacks ${MODEL_JSON_FILE} or ${WEIGHTS_FILE}.`);
  }
  const { backend } = await chooseTrainingBackend('auto');
  return backend.load({
    modelJson: parseLayersModelJson(JSON.parse(Buffer.from(modelJson).toString('utf8'))),
    weightsBin,
  });
}
