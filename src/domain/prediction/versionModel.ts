import { unzipSync } from 'fflate';
import type { StorageClients } from '../../platform/storage/storageClients.js';
import type { ModelVersion } from '../registry/registryRecords.js';
import { readArtifact } from '../registry/artifactDownload.js';
import {
  chooseTrainingBackend,
  parseLayersModelJson,
  parseTrainingParams,
  type StressModel,
} from '../training/index.js';
import { WEIGHTS_FILE } from '../training/serialization/layersFormat.js';
import { MODEL_JSON_FILE } from '../training/serialization/modelFiles.js';
import { FeatureTrees } from '../training/featureTrees/featureTrees.js';
import { FEATURE_TREES_FILE } from '../training/featureTrees/artifactFile.js';

/** What prediction needs of a model, whichever family: its params (signals, window shapes) and its probabilities. */
export type PredictingModel = Pick<StressModel, 'params' | 'predict' | 'dispose'>;

/** A registered version's model, from its sha256-verified artifact: a CNN on the best available backend, or the feature baseline's trees. */
export async function loadVersionModel(storage: StorageClients, version: ModelVersion): Promise<PredictingModel> {
  const { content } = await readArtifact(storage, version);
  const files = unzipSync(new Uint8Array(content.buffer, content.byteOffset, content.byteLength));
  // The feature baseline's artifact holds its trees; the CNN's, its layers model.
  const trees = files[FEATURE_TREES_FILE];
  if (trees !== undefined) return featureTreesModel(JSON.parse(Buffer.from(trees).toString('utf8')));
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

/** The feature baseline as prediction uses a model: its signals at their default window shapes, its probabilities. */
async function featureTreesModel(json: unknown): Promise<PredictingModel> {
  const trees = await FeatureTrees.fromArtifact(json);
  return {
    params: parseTrainingParams({ signals: [...trees.signals] }),
    predict: (windows) => trees.predict(windows),
    dispose: () => trees.dispose(),
  };
}
