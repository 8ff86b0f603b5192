import type { StorageClients } from '../storage/storageClients.js';
import type { ModelVersion } from '../registry/registryRecords.js';
import type { StressModel } from '../training/index.js';
import { loadVersionModel } from './versionModel.js';

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
      model = loadVersionModel(this.storage, version);
      void model.catch(() => this.#models.delete(key));
      this.#models.set(key, model);
      await this.#evict();
    }
    return model;
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
