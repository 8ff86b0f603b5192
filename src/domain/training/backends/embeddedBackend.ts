import { EmbeddedModel, type EngineOptions } from '../engine/embeddedModel.js';
import type { TrainingParams } from '../model/params.js';
import { composeLayersModelFiles, readNamedWeights, type LayersModelFiles } from '../serialization/layersFormat.js';
import { paramsMetadata, paramsOf } from './paramsMetadata.js';
import type { StressModel, TrainingBackend } from './types.js';

/** The embedded engine as a training backend: no native library, WebAssembly SIMD kernels when built. */
export function embeddedBackend(engine: EngineOptions = {}): TrainingBackend {
  return {
    name: 'embedded',
    async train(params, windows, options) {
      const model = await EmbeddedModel.create(params, engine);
      const history = await model.fit(windows, options?.onEpochEnd);
      return { model: wrap(model, params), history };
    },
    async load(files) {
      const params = paramsOf(files);
      const model = await EmbeddedModel.create(params, engine);
      model.setWeights(new Map(readNamedWeights(files).map((w) => [w.name, w.values])));
      return wrap(model, params);
    },
  };
}

function wrap(model: EmbeddedModel, params: TrainingParams): StressModel {
  return {
    backend: 'embedded',
    params,
    async describe() {
      return `${model.kernelName} kernels, ${(await model.usesWorker()) ? '2 threads' : '1 thread'}`;
    },
    predict: (windows) => model.predict(windows),
    save: () => embeddedModelFiles(model, params),
    dispose: () => model.dispose(),
  };
}

/**
 * The embedded model's weights under the topology tfjs would write for the same params. tfjs (which
 * builds that topology) is imported here, when a model is saved, not when the engine loads.
 */
export async function embeddedModelFiles(model: EmbeddedModel, params: TrainingParams): Promise<LayersModelFiles> {
  const { buildLayersModel } = await import('../model/layersModel.js');
  const layers = buildLayersModel(params);
  const topology = layers.toJSON(null, false) as Record<string, unknown>;
  layers.dispose();
  const weights = model.getWeights();
  return composeLayersModelFiles(
    topology,
    model.layout.weights.map((spec) => ({
      name: spec.name,
      shape: spec.shape,
      values: weights.get(spec.name) ?? new Float32Array(0),
    })),
    `wesad-mlops embedded engine (${model.kernelName} kernels)`,
    paramsMetadata(params),
  );
}
