import type { StorageClients } from '../../platform/storage/storageClients.js';
import type { ModelVersion } from '../registry/registryRecords.js';
import { loadVersionModel, type PredictingModel } from './versionModel.js';
import { readInputProfile } from '../drift/inputProfileStore.js';
import type { InputProfile } from '../drift/inputProfile.js';

/** Loaded models kept per version; a version's artifact never changes, so entries never go stale. */
const maximumModels = 4;

export class ModelCache {
  readonly #models = new Map<string, Promise<PredictingModel>>();
  /** Profiles are small and, like artifacts, never change once their run is evaluated. */
  readonly #profiles = new Map<string, InputProfile>();

  constructor(private readonly storage: StorageClients) {}

  /** The version's model, loaded once from its verified artifact on the best available backend. */
  async model(version: ModelVersion): Promise<PredictingModel> {
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

  /** The training input profile of the version's run (drift's reference); undefined for runs without one. */
  async inputProfile(version: ModelVersion): Promise<InputProfile | undefined> {
    const cached = this.#profiles.get(version.runId);
    if (cached !== undefined) return cached;
    const profile = await readInputProfile(this.storage, version.runId);
    if (profile !== undefined) {
      this.#profiles.set(version.runId, profile);
      // Kept for about as many versions as models are.
      const [oldest] = this.#profiles.keys();
      if (this.#profiles.size > maximumModels && oldest !== undefined) this.#profiles.delete(oldest);
    }
    return profile;
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
