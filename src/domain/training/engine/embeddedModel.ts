import { availableParallelism } from 'node:os';
import { modelLayout, weightSize, type ModelLayout } from '../model/architecture.js';
import type { TrainingParams } from '../model/params.js';
import { SeededRandom } from '../random.js';
import { assertWindowsFit, selectWindows, type WindowSet } from '../windows.js';
import { createNetwork } from './createNetwork.js';
import type { KernelChoice } from './kernelChoice.js';
import type { StressNetwork } from './network.js';
import { RemoteShard } from './remoteShard.js';
import { predictAll } from './shardSteps.js';
import type { TrainingCheckpoint } from './trainingCheckpoint.js';
import { TrainingSession, type EpochLog } from './trainingSession.js';
import { compiledKernels } from './wasmKernels.js';

export type { EpochLog, KernelChoice };

export interface EngineOptions {
  kernels?: KernelChoice;
  /**
   * 2 runs the second shard of every batch on a worker thread; 1 runs both shards here. Results are identical
   * either way; the default uses the worker when the machine has a second core.
   */
  threads?: 1 | 2;
}

/** Below this many windows a prediction is not worth a round trip to the worker. */
const PARALLEL_PREDICTION_MINIMUM = 256;

/**
 * The stress CNN on the embedded engine, trained with Adam + L2 and queried for probabilities. Every batch is
 * split into two shards whose mean gradients are combined by a fixed formula, so the result does not depend on
 * whether the second shard ran on the worker thread. Weights move in and out by tfjs weight name.
 */
export class EmbeddedModel {
  readonly layout: ModelLayout;
  readonly kernelName: string;
  private readonly params: TrainingParams;
  private readonly network: StressNetwork;
  private readonly threads: 1 | 2;
  private remote: Promise<RemoteShard | undefined> | undefined;

  private constructor(params: TrainingParams, network: StressNetwork, kernelName: string, threads: 1 | 2) {
    this.params = params;
    this.layout = network.layout;
    this.network = network;
    this.kernelName = kernelName;
    this.threads = threads;
  }

  /** A model with Glorot-initialised weights drawn from `params.seed`. */
  static async create(params: TrainingParams, options: EngineOptions = {}): Promise<EmbeddedModel> {
    const { network, kernelName } = await createNetwork(
      modelLayout(params),
      params.batch_size,
      options.kernels ?? 'wasm',
    );
    network.initialise(new SeededRandom(params.seed));
    return new EmbeddedModel(params, network, kernelName, options.threads ?? (availableParallelism() > 1 ? 2 : 1));
  }

  /** Whether a worker thread computes the second shard (false when threads is 1 or no worker script is built). */
  async usesWorker(): Promise<boolean> {
    return (await this.remoteShard()) !== undefined;
  }

  /**
   * Starts (or, from a checkpoint, resumes) training this model's weights in place; a checkpoint's weights
   * replace the current ones, so this also loads a checkpoint for prediction.
   */
  startTraining(checkpoint?: TrainingCheckpoint): TrainingSession {
    return new TrainingSession(this.params, this.network, () => this.remoteShard(), checkpoint);
  }

  /** Trains in place for `params.epochs` epochs and returns the per-epoch log. */
  async fit(windows: WindowSet, onEpochEnd?: (log: EpochLog) => void): Promise<EpochLog[]> {
    const session = this.startTraining();
    const logs: EpochLog[] = [];
    for (let epoch = 0; epoch < this.params.epochs; epoch++) {
      const log = await session.runEpoch(windows);
      logs.push(log);
      onEpochEnd?.(log);
    }
    return logs;
  }

  /** Stress probability of each window, without dropout. */
  async predict(windows: WindowSet): Promise<Float32Array> {
    assertWindowsFit(windows, this.layout);
    const remote = windows.count >= PARALLEL_PREDICTION_MINIMUM ? await this.remoteShard() : undefined;
    if (!remote) return predictAll(this.network, windows);
    const first = Math.ceil(windows.count / 2);
    const secondIndices = Uint32Array.from({ length: windows.count - first }, (_, i) => first + i);
    const secondHalf = remote.predict(this.network.parameterView().slice(), selectWindows(windows, secondIndices));
    const firstHalf = predictAll(
      this.network,
      selectWindows(
        windows,
        Uint32Array.from({ length: first }, (_, i) => i),
      ),
    );
    const out = new Float32Array(windows.count);
    out.set(firstHalf);
    out.set(await secondHalf, first);
    return out;
  }

  /** Copies of the weights, by tfjs weight name, in the layout's order. */
  getWeights(): Map<string, Float32Array> {
    const params = this.network.parameterView();
    const weights = new Map<string, Float32Array>();
    for (const spec of this.layout.weights) {
      const offset = this.network.weightOffsets.get(spec.name) ?? 0;
      weights.set(spec.name, params.slice(offset, offset + weightSize(spec)));
    }
    return weights;
  }

  /** Replaces every weight; throws if one is missing or has the wrong size. */
  setWeights(weights: ReadonlyMap<string, Float32Array>): void {
    const params = this.network.parameterView();
    for (const spec of this.layout.weights) {
      const values = weights.get(spec.name);
      if (values?.length !== weightSize(spec)) {
        throw new RangeError(
          `weight ${spec.name}: expected ${weightSize(spec)} values, got ${values?.length ?? 'none'}`,
        );
      }
      params.set(values, this.network.weightOffsets.get(spec.name) ?? 0);
    }
  }

  /** Stops the worker thread, if one was started. */
  async dispose(): Promise<void> {
    const remote = await this.remote;
    this.remote = undefined;
    await remote?.close();
  }

  /** The network itself, for gradient checks. */
  get internals(): StressNetwork {
    return this.network;
  }

  private remoteShard(): Promise<RemoteShard | undefined> {
    if (this.threads === 1) return Promise.resolve(undefined);
    this.remote ??= this.startRemote();
    return this.remote;
  }

  private async startRemote(): Promise<RemoteShard | undefined> {
    const kernels = this.kernelChoice();
    const compiled = kernels === 'wasm' ? await compiledKernels() : undefined;
    return RemoteShard.start({ params: this.params, kernels, compiledKernels: compiled }, this.kernelName);
  }

  private kernelChoice(): KernelChoice {
    return this.kernelName === 'wasm' ? 'wasm' : 'js';
  }
}
