import * as tf from '@tensorflow/tfjs';
import {
  CONV1_FILTERS,
  CONV2_FILTERS,
  DENSE_UNITS,
  DROPOUT_RATE,
  layerNames,
  modelLayout,
  POOL_SIZE,
} from './architecture.js';
import type { TrainingParams } from './params.js';

/**
 * The canonical stress CNN as a tfjs-layers model (torch_reference.py's architecture, channels-last): per signal
 * Conv1D → MaxPool1D → Conv1D → GlobalAveragePooling1D, concatenated into Dense → Dropout → Dense(sigmoid).
 * Any tfjs backend trains or loads it; the embedded engine uses the same layer and weight names.
 */
export function buildLayersModel(params: TrainingParams): tf.LayersModel {
  const layout = modelLayout(params);
  const regularizer = (): ReturnType<typeof tf.regularizers.l2> | undefined =>
    params.kernel_regularizer > 0 ? tf.regularizers.l2({ l2: params.kernel_regularizer }) : undefined;
  // A distinct seed per layer: one shared seed would give same-shaped layers identical kernels.
  let layerSeed = params.seed;
  const initializer = () => tf.initializers.glorotUniform({ seed: layerSeed++ });
  const inputs = layout.branches.map((b) =>
    tf.input({ shape: [b.length, b.channels], name: layerNames.input(b.signal) }),
  );
  const features = layout.branches.map((b, i) => {
    const conv1 = tf.layers.conv1d({
      name: layerNames.conv1(b.signal),
      filters: CONV1_FILTERS,
      kernelSize: layout.kernelSize,
      activation: params.activation,
      kernelInitializer: initializer(),
      kernelRegularizer: regularizer(),
    });
    const pool = tf.layers.maxPooling1d({ name: layerNames.pool(b.signal), poolSize: POOL_SIZE });
    const conv2 = tf.layers.conv1d({
      name: layerNames.conv2(b.signal),
      filters: CONV2_FILTERS,
      kernelSize: layout.kernelSize,
      activation: params.activation,
      kernelInitializer: initializer(),
      kernelRegularizer: regularizer(),
    });
    const gap = tf.layers.globalAveragePooling1d({ name: layerNames.gap(b.signal) });
    return applyLayers([conv1, pool, conv2, gap], inputs[i]);
  });
  const merged =
    features.length === 1
      ? features[0]
      : (tf.layers.concatenate({ name: layerNames.concat }).apply(features) as tf.SymbolicTensor);
  const output = applyLayers(
    [
      tf.layers.dense({
        name: layerNames.dense,
        units: DENSE_UNITS,
        activation: params.activation,
        kernelInitializer: initializer(),
        kernelRegularizer: regularizer(),
      }),
      tf.layers.dropout({ name: layerNames.dropout, rate: DROPOUT_RATE }),
      tf.layers.dense({
        name: layerNames.output,
        units: 1,
        activation: 'sigmoid',
        kernelInitializer: initializer(),
        kernelRegularizer: regularizer(),
      }),
    ],
    merged,
  );
  const model = tf.model({ inputs, outputs: output, name: 'stress_cnn' });
  model.compile({
    optimizer: tf.train.adam(params.learning_rate),
    loss: 'binaryCrossentropy',
    metrics: ['accuracy'],
  });
  return model;
}

function applyLayers(layers: tf.layers.Layer[], input: tf.SymbolicTensor | undefined): tf.SymbolicTensor {
  if (!input) throw new Error('the model needs at least one signal');
  return layers.reduce((x, layer) => layer.apply(x) as tf.SymbolicTensor, input);
}
