import type { TrainingParams } from '../model/params.js';
import { SeededRandom } from '../random.js';
import { shuffleBufferOrder } from '../shuffle.js';
import { assertWindowsFit, type WindowSet } from '../windows.js';
import { AdamWithL2, weightRanges } from './adam.js';
import type { StressNetwork } from './network.js';
import type { RemoteShard } from './remoteShard.js';
import { trainShard } from './shardSteps.js';
import type { TrainingCheckpoint } from './trainingCheckpoint.js';

export interface EpochLog {
  epoch: number;
  /** Mean binary cross-entropy over the epoch's batches plus the L2 penalty at the epoch's end. */
  loss: number;
  accuracy: number;
}

/**
 * Training in progress on an embedded network: Adam's state and the batch-order and dropout streams live here,
 * so training can stop after any epoch (`checkpoint`) and resume elsewhere with exactly the same result as if
 * it had run on. Each batch is split into two shards whose mean gradients are combined by a fixed formula, so
 * the result does not depend on whether the second shard ran on the worker thread.
 */
export class TrainingSession {
  private readonly optimiser: AdamWithL2;
  private readonly shuffleRandom: SeededRandom;
  private readonly dropoutRandom: SeededRandom;
  private epochsDone: number;
  private windowsOnWorker: WindowSet | undefined;

  constructor(
    private readonly params: TrainingParams,
    private readonly network: StressNetwork,
    private readonly remoteShard: () => Promise<RemoteShard | undefined>,
    checkpoint?: TrainingCheckpoint,
  ) {
    this.optimiser = new AdamWithL2(
      weightRanges(network.layout.weights, network.weightOffsets),
      network.parameterCount,
      params.learning_rate,
      params.kernel_regularizer,
    );
    if (checkpoint) {
      if (checkpoint.parameters.length !== network.parameterCount) {
        throw new RangeError(
          `a checkpoint of ${checkpoint.parameters.length} parameters does not fit this model's ${network.parameterCount}`,
        );
      }
      network.parameterView().set(checkpoint.parameters);
      this.optimiser.restore(checkpoint.firstMoment, checkpoint.secondMoment, checkpoint.adamStep);
      this.shuffleRandom = new SeededRandom(checkpoint.shuffleState);
      this.dropoutRandom = new SeededRandom(checkpoint.dropoutState);
      this.epochsDone = checkpoint.epochsDone;
    } else {
      // Independent streams, so that changing e.g. the epoch count does not change the initial weights.
      const streams = new SeededRandom(params.seed ^ 0x5eed);
      this.shuffleRandom = streams.fork();
      this.dropoutRandom = streams.fork();
      this.epochsDone = 0;
    }
  }

  /** Trains one epoch over the windows, in the seeded shuffle-buffer order. */
  async runEpoch(windows: WindowSet): Promise<EpochLog> {
    const { params, network } = this;
    assertWindowsFit(windows, network.layout);
    if (windows.count === 0) throw new RangeError('no windows to train on');
    const remote = await this.remoteShard();
    if (remote && this.windowsOnWorker !== windows) {
      remote.setWindows(windows);
      this.windowsOnWorker = windows;
    }
    const parameters = network.parameterView();
    const gradients = network.gradientView();
    const firstShardGradients = new Float32Array(network.parameterCount);
    const probabilities = new Float32Array(params.batch_size);
    const order = shuffleBufferOrder(windows.count, params.shuffle_buffer_size, this.shuffleRandom);
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < windows.count; start += params.batch_size) {
      const size = Math.min(params.batch_size, windows.count - start);
      const first = Math.ceil(size / 2);
      const second = size - first;
      const stepSeed = this.dropoutRandom.int(4294967296);
      const remoteShard =
        remote && second > 0
          ? remote.train(parameters.slice(), order.slice(start + first, start + size), {
              stepSeed,
              firstWindow: first,
            })
          : undefined;
      let loss = trainShard(network, windows, order, start, first, { stepSeed, firstWindow: 0 }, probabilities, 0);
      let secondGradients: Float32Array = gradients;
      if (second > 0) {
        firstShardGradients.set(gradients);
        let secondLoss: number;
        if (remoteShard) {
          const result = await remoteShard;
          secondLoss = result.loss;
          secondGradients = result.gradients;
          probabilities.set(result.probabilities, first);
        } else {
          const draw = { stepSeed, firstWindow: first };
          secondLoss = trainShard(network, windows, order, start + first, second, draw, probabilities, first);
        }
        // The batch's mean gradient from the shards' means, in one fixed formula whichever thread ran them.
        for (let i = 0; i < gradients.length; i++) {
          gradients[i] = ((firstShardGradients[i] ?? 0) * first + (secondGradients[i] ?? 0) * second) / size;
        }
        loss = (loss * first + secondLoss * second) / size;
      }
      lossSum += loss * size;
      for (let i = 0; i < size; i++) {
        const predicted = (probabilities[i] ?? 0) >= 0.5 ? 1 : 0;
        if (predicted === windows.labels[order[start + i] ?? 0]) correct++;
      }
      this.optimiser.update(parameters, gradients);
    }
    this.epochsDone++;
    return {
      epoch: this.epochsDone,
      loss: lossSum / windows.count + this.optimiser.penalty(parameters),
      accuracy: correct / windows.count,
    };
  }

  /** Everything needed to resume after the epochs run so far (copies, safe to keep while training goes on). */
  checkpoint(): TrainingCheckpoint {
    const adam = this.optimiser.snapshot();
    return {
      epochsDone: this.epochsDone,
      parameters: this.network.parameterView().slice(),
      firstMoment: adam.firstMoment,
      secondMoment: adam.secondMoment,
      adamStep: adam.step,
      shuffleState: this.shuffleRandom.currentState,
      dropoutState: this.dropoutRandom.currentState,
    };
  }
}
