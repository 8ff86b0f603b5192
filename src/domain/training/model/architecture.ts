import { signalShape, type Activation, type Signal, type TrainingParams } from './params.js';

/** Fixed by the design (torch_reference.py); only the params above vary between runs. */
export const CONV1_FILTERS = 32;
export const CONV2_FILTERS = 64;
export const DENSE_UNITS = 64;
export const DROPOUT_RATE = 0.3;
export const POOL_SIZE = 2;

export interface BranchLayout {
  signal: Signal;
  length: number;
  channels: number;
  /** Time steps after the first convolution, the pooling and the second convolution. */
  conv1Steps: number;
  pooledSteps: number;
  conv2Steps: number;
}

export interface WeightSpec {
  /** The tfjs layers weight name, `<layer>/<kernel|bias>`. */
  name: string;
  shape: number[];
  /** Kernels carry the L2 penalty; biases do not (as in Keras' kernel_regularizer). */
  regularized: boolean;
}

export interface ModelLayout {
  branches: BranchLayout[];
  kernelSize: number;
  activation: Activation;
  concatWidth: number;
  weights: WeightSpec[];
}

export const layerNames = {
  input: (signal: Signal) => `${signal}_input`,
  conv1: (signal: Signal) => `${signal}_conv1`,
  pool: (signal: Signal) => `${signal}_pool`,
  conv2: (signal: Signal) => `${signal}_conv2`,
  gap: (signal: Signal) => `${signal}_gap`,
  concat: 'concat',
  dense: 'dense',
  dropout: 'dropout',
  output: 'output',
} as const;

/** Shapes and weight names of the model for these params, shared by every backend so weights interchange. */
export function modelLayout(params: TrainingParams): ModelLayout {
  const k = params.kernel_size;
  const branches = params.signals.map((signal): BranchLayout => {
    const { length, channels } = signalShape(params, signal);
    const conv1Steps = length - k + 1;
    const pooledSteps = Math.floor(conv1Steps / POOL_SIZE);
    return { signal, length, channels, conv1Steps, pooledSteps, conv2Steps: pooledSteps - k + 1 };
  });
  const weights: WeightSpec[] = [];
  for (const b of branches) {
    weights.push(
      { name: `${layerNames.conv1(b.signal)}/kernel`, shape: [k, b.channels, CONV1_FILTERS], regularized: true },
      { name: `${layerNames.conv1(b.signal)}/bias`, shape: [CONV1_FILTERS], regularized: false },
      { name: `${layerNames.conv2(b.signal)}/kernel`, shape: [k, CONV1_FILTERS, CONV2_FILTERS], regularized: true },
      { name: `${layerNames.conv2(b.signal)}/bias`, shape: [CONV2_FILTERS], regularized: false },
    );
  }
  const concatWidth = branches.length * CONV2_FILTERS;
  weights.push(
    { name: `${layerNames.dense}/kernel`, shape: [concatWidth, DENSE_UNITS], regularized: true },
    { name: `${layerNames.dense}/bias`, shape: [DENSE_UNITS], regularized: false },
    { name: `${layerNames.output}/kernel`, shape: [DENSE_UNITS, 1], regularized: true },
    { name: `${layerNames.output}/bias`, shape: [1], regularized: false },
  );
  return { branches, kernelSize: k, activation: params.activation, concatWidth, weights };
}

export function weightSize(spec: WeightSpec): number {
  return spec.shape.reduce((a, b) => a * b, 1);
}
