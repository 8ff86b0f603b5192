import * as tf from '@tensorflow/tfjs';
import type { ModelLoggingVerbosity } from '@tensorflow/tfjs-layers/dist/base_callbacks.js';
import { buildLayersModel } from '../model/layersModel.js';
import { modelLayout } from '../model/architecture.js';
import type { TrainingParams } from '../model/params.js';
import { SeededRandom } from '../random.js';
import { parseLayersModelJson, type LayersModelFiles } from '../serialization/layersFormat.js';
import { shuffleBufferOrder } from '../shuffle.js';
import { assertWindowsFit, type WindowSet } from '../windows.js';
import { paramsMetadata, paramsOf } from './paramsMetadata.js';
import type { BackendName, EpochLog, StressModel, TrainingBackend } from './types.js';

/**
 * Trains the canonical tfjs-layers model on whichever tfjs backend is active (`tensorflow` once tfjs-node has
 * loaded, else `cpu`). Batches follow the same seeded shuffle-buffer order as the embedded engine; tfjs' own
 * dropout is not seedable, so runs on this backend repeat only approximately.
 */
export function tfjsBackend(name: Extract<BackendName, 'tfjs-node' | 'tfjs-cpu'>): TrainingBackend {
  return {
    name,
    async train(params, windows, options) {
      const model = buildLayersModel(params);
      const layout = modelLayout(params);
      assertWindowsFit(windows, layout);
      const shuffleRandom = new SeededRandom(params.seed ^ 0x5eed).fork();
      const history: EpochLog[] = [];
      for (let epoch = 0; epoch < params.epochs; epoch++) {
        const order = shuffleBufferOrder(windows.count, params.shuffle_buffer_size, shuffleRandom);
        const [xs, ys] = toTensors(params, windows, order);
        const result = await model.fit(xs, ys, {
          batchSize: params.batch_size,
          epochs: 1,
          shuffle: false,
          verbose: SILENT,
        });
        tf.dispose([...xs, ys]);
        const log = {
          epoch: epoch + 1,
          loss: Number(result.history.loss?.[0] ?? Number.NaN),
          accuracy: Number((result.history.acc ?? result.history.accuracy)?.[0] ?? Number.NaN),
        };
        history.push(log);
        options?.onEpochEnd?.(log);
      }
      return { model: wrap(name, model, params), history };
    },
    async load(files) {
      const params = paramsOf(files);
      const bytes = files.weightsBin;
      const model = await tf.loadLayersModel(
        tf.io.fromMemory({
          modelTopology: files.modelJson.modelTopology,
          weightSpecs: files.modelJson.weightsManifest.flatMap((group) => group.weights),
          weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
        }),
      );
      return wrap(name, model, params);
    },
  };
}

/** tfjs-node logs a progress bar per epoch unless fit is silent; tfjs does not re-export the enum's values. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- 0 is ModelLoggingVerbosity.SILENT
const SILENT: ModelLoggingVerbosity = 0;

function toTensors(params: TrainingParams, windows: WindowSet, order?: ArrayLike<number>): [tf.Tensor[], tf.Tensor] {
  const layout = modelLayout(params);
  const count = windows.count;
  const pick = (values: Float32Array, width: number): Float32Array => {
    if (!order) return values;
    const picked = new Float32Array(count * width);
    for (let i = 0; i < count; i++) {
      const from = (order[i] ?? 0) * width;
      picked.set(values.subarray(from, from + width), i * width);
    }
    return picked;
  };
  const xs = layout.branches.map((b) =>
    tf.tensor3d(pick(windows.signals[b.signal] ?? new Float32Array(0), b.length * b.channels), [
      count,
      b.length,
      b.channels,
    ]),
  );
  const ys = tf.tensor2d(pick(Float32Array.from(windows.labels), 1), [count, 1]);
  return [xs, ys];
}

function wrap(name: BackendName, model: tf.LayersModel, params: TrainingParams): StressModel {
  return {
    backend: name,
    params,
    describe: () => Promise.resolve(`tfjs ${tf.getBackend()}`),
    async predict(windows) {
      assertWindowsFit(windows, modelLayout(params));
      const [xs, ys] = toTensors(params, windows);
      const output = model.predict(xs, { batchSize: 256 }) as tf.Tensor;
      const values = (await output.data()) as Float32Array;
      tf.dispose([...xs, ys, output]);
      return values;
    },
    async save() {
      let saved: LayersModelFiles | undefined;
      await model.save(
        tf.io.withSaveHandler((artifacts) => {
          const data = artifacts.weightData;
          const buffer =
            data === undefined
              ? new ArrayBuffer(0)
              : Array.isArray(data)
                ? tf.io.CompositeArrayBuffer.join(data)
                : data;
          saved = {
            modelJson: parseLayersModelJson({
              format: 'layers-model',
              generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers} (${tf.getBackend()})`,
              convertedBy: null,
              modelTopology: artifacts.modelTopology,
              weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
              userDefinedMetadata: paramsMetadata(params),
            }),
            weightsBin: new Uint8Array(buffer),
          };
          return Promise.resolve({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } });
        }),
      );
      if (!saved) throw new Error('tfjs did not hand the model to the save handler');
      return saved;
    },
    dispose() {
      model.dispose();
      return Promise.resolve();
    },
  };
}
