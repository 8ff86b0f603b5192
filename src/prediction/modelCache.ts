import { unzipSync } from 'fflate';
import type { StorageClients } from '../storage/storageClients.js';
import type { ModelVersion } from '../registry/registryRecords.js';
import { readArtifact } from '../registry/artifactDownload.js';
import { chooseTrainingBackend, parseLayersModelJson, type StressModel } from '../training/index.js';
import { WEIGHTS_FILE } from '../training/serialization/layersFormat.js';
import { MODEL_JSON_FILE } from '../training/serialization/modelFiles.js';

/** Loaded models kept per version; a version's artifact never changes, so entries never go stale. */
const maximumModels = 4;

export class ModelCache {
  readonly #models = new Map<string, Promise<StressModel>>();

  constructor(private readonly storage: StorageClients) {}

  /** The version's model, loaded once from its verified artifact on the best available backend. */
  async model(version: ModelVersion): Promise<StressModel> {
    const key = `${version.model}@${version.version}`;
    let model = this.#models.get(key);
    if (model === undefined) {
      model = this.#load(version);
      void model.catch(() => this.#models.delete(key));
      this.#models.set(key, model);
      await this.#evict();
    }
    return model;
  }

  async #load(version: ModelVersion): Promise<StressModel> {
    const { content } = await readArtifact(this.storage, version);
    const files = unzipSync(new Uint8Array(content.buffer, content.byteOffset, content.byteLength));
    const modelJson = files[MODEL_JSON_FILE];
    const weightsBin = files[WEIGHTS_FILE];
    if (modelJson === undefined || weightsBin === undefined) {
      throw new Error(
        `The artifact of ${version.model}@${version.version} lacks ${MODEL_JSON_FILE} or ${WEIGHTS_FILE}.`,
      );
    }
    const { backend } = await chooseTrainingBackend('auto');
    return backend.load({
      modelJson: parseLayersModelJson(JSON.parse(Buffer.from(modelJson).toString('utf8'))),
      weightsBin,
    });
  }

  async #evict(): Promise<void> {
    while (this.#models.size > maximumModels) {
      const [oldest] = this.#models.keys();
      if (oldest === undefined) return;
      const model = this.#models.get(oldest);
      this.#models.delete(oldest);
      await model?.then((loaded) => loaded.dispose()).catch(() => undefined);
    }
  }
}
