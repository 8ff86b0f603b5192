import type { EpochLog } from '../engine/embeddedModel.js';
import type { TrainingParams } from '../model/params.js';
import type { LayersModelFiles } from '../serialization/layersFormat.js';
import type { WindowSet } from '../windows.js';

export type { EpochLog };

/** `tfjs-node` (native TensorFlow), `tfjs-cpu` (tfjs' JavaScript kernels) or `embedded` (this package's engine). */
export type BackendName = 'tfjs-node' | 'tfjs-cpu' | 'embedded';

/** A trained stress model, whichever backend holds it. */
export interface StressModel {
  readonly backend: BackendName;
  readonly params: TrainingParams;
  /** How it computes, for the run record: e.g. `wasm kernels, 2 threads` or `tfjs tensorflow`. */
  describe(): Promise<string>;
  /** Stress probability per window. */
  predict(windows: WindowSet): Promise<Float32Array>;
  /** The model in the TensorFlow.js layers format, loadable by every backend. */
  save(): Promise<LayersModelFiles>;
  /** Releases native memory or worker threads the model holds. */
  dispose(): Promise<void>;
}

export interface TrainOptions {
  onEpochEnd?: (log: EpochLog) => void;
}

export interface TrainedModel {
  model: StressModel;
  history: EpochLog[];
}

export interface TrainingBackend {
  readonly name: BackendName;
  train(params: TrainingParams, windows: WindowSet, options?: TrainOptions): Promise<TrainedModel>;
  load(files: LayersModelFiles): Promise<StressModel>;
}
