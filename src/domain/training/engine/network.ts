import {
  CONV1_FILTERS,
  CONV2_FILTERS,
  DENSE_UNITS,
  DROPOUT_RATE,
  weightSize,
  type BranchLayout,
  type ModelLayout,
} from '../model/architecture.js';
import { SeededRandom } from '../random.js';
import type { WindowSet } from '../windows.js';
import { activateInPlace, multiplyByDerivative } from './activations.js';
import { ArenaPlanner, type Arena } from './arena.js';
import type { ConvGeometry, EngineKernels } from './kernels.js';

/** The dropout masks of one training step: its seed, and where the loaded windows start within the batch. */
export interface DropoutDraw {
  stepSeed: number;
  firstWindow: number;
}

/** Where one branch's weights, gradients and activations live in the arena. */
interface BranchBuffers {
  layout: BranchLayout;
  w1: number;
  b1: number;
  w2: number;
  b2: number;
  input: number;
  conv1Out: number;
  pooled: number;
  conv2Out: number;
  /** Loss gradients with respect to conv2's output, the pooled tensor and conv1's output. */
  gradConv2: number;
  gradPooled: number;
  gradConv1: number;
  conv1: ConvGeometry;
  conv2: ConvGeometry;
}

/**
 * The stress CNN's forward and backward passes for batches of up to `capacity` windows, on tensors held in
 * an arena. Parameters and their gradients each occupy one contiguous range in the order of
 * `layout.weights`, so optimisers and workers can treat them as flat vectors.
 */
export class StressNetwork {
  readonly layout: ModelLayout;
  readonly capacity: number;
  readonly parameterCount: number;
  /** Offsets of the parameter and gradient ranges (each `parameterCount` floats). */
  readonly params: number;
  readonly grads: number;
  /** Offset of each weight (by tfjs name) within the parameter range. */
  readonly weightOffsets: ReadonlyMap<string, number>;
  private readonly m: Float32Array;
  private readonly kernels: EngineKernels;
  private readonly branches: BranchBuffers[];
  private readonly concat: number;
  private readonly dense: { w: number; b: number; out: number; keep: number; dropped: number; grad: number };
  private readonly output: { w: number; b: number; logits: number; grad: number };
  private readonly gradConcat: number;
  private batchSize = 0;
  private dropoutActive = false;

  /** Floats an arena needs to hold a network of this layout and capacity. */
  static arenaFloats(layout: ModelLayout, capacity: number): number {
    const planner = new ArenaPlanner();
    planBuffers(layout, capacity, planner);
    return planner.floats;
  }

  constructor(layout: ModelLayout, capacity: number, arena: Arena, kernels: EngineKernels) {
    this.layout = layout;
    this.capacity = capacity;
    this.m = arena.memory;
    this.kernels = kernels;
    const plan = planBuffers(layout, capacity, arena);
    this.parameterCount = plan.parameterCount;
    this.params = plan.params;
    this.grads = plan.grads;
    this.weightOffsets = plan.weightOffsets;
    this.branches = plan.branches;
    this.concat = plan.concat;
    this.gradConcat = plan.gradConcat;
    this.dense = plan.dense;
    this.output = plan.output;
  }

  /** The parameters as a flat view into the arena (changes to it change the network). */
  parameterView(): Float32Array {
    return this.m.subarray(this.params, this.params + this.parameterCount);
  }

  gradientView(): Float32Array {
    return this.m.subarray(this.grads, this.grads + this.parameterCount);
  }

  /** Glorot-uniform kernels and zero biases, as Keras initialises Conv1D and Dense layers. */
  initialise(random: SeededRandom): void {
    const m = this.m;
    for (const spec of this.layout.weights) {
      const offset = this.params + (this.weightOffsets.get(spec.name) ?? 0);
      const size = weightSize(spec);
      if (!spec.regularized) {
        m.fill(0, offset, offset + size);
        continue;
      }
      const receptive = spec.shape.length === 3 ? (spec.shape[0] ?? 1) : 1;
      const fanIn = receptive * (spec.shape.at(-2) ?? 1);
      const fanOut = receptive * (spec.shape.at(-1) ?? 1);
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      for (let i = 0; i < size; i++) m[offset + i] = (random.next() * 2 - 1) * limit;
    }
  }

  /** Copies the windows at `indices` into the input buffers. */
  loadBatch(windows: WindowSet, indices: ArrayLike<number>, start: number, count: number): void {
    if (count > this.capacity) throw new RangeError(`batch of ${count} exceeds capacity ${this.capacity}`);
    this.batchSize = count;
    for (const b of this.branches) {
      const values = windows.signals[b.layout.signal];
      if (!values) throw new RangeError(`the windows lack ${b.layout.signal}`);
      const width = b.layout.length * b.layout.channels;
      for (let i = 0; i < count; i++) {
        const from = (indices[start + i] ?? 0) * width;
        this.m.set(values.subarray(from, from + width), b.input + i * width);
      }
    }
  }

  /**
   * Runs the loaded batch forward and returns the offset of its logits. With `dropout` the dense layer's
   * units are dropped (and the rest scaled by 1/(1-rate)) as in training. Each window's mask comes from its own
   * generator, seeded by the step's seed and the window's position in the whole batch, so splitting a batch
   * into shards (across threads) draws the same masks.
   */
  forward(dropout?: DropoutDraw): number {
    const m = this.m;
    const batch = this.batchSize;
    const activation = this.layout.activation;
    // relu, the design's activation, is fused into the kernels; others take a separate JavaScript pass.
    const relu = activation === 'relu';
    const width = this.layout.concatWidth;
    this.branches.forEach((b, index) => {
      const { conv1Steps, conv2Steps } = b.layout;
      this.kernels.forward(
        b.input,
        this.params + b.w1,
        this.params + b.b1,
        b.conv1Out,
        { ...b.conv1, samples: batch },
        relu,
      );
      if (!relu) activateInPlace(m, b.conv1Out, b.conv1Out + batch * conv1Steps * CONV1_FILTERS, activation);
      this.kernels.maxPool(b.conv1Out, b.pooled, { samples: batch, steps: conv1Steps, channels: CONV1_FILTERS });
      this.kernels.forward(
        b.pooled,
        this.params + b.w2,
        this.params + b.b2,
        b.conv2Out,
        { ...b.conv2, samples: batch },
        relu,
      );
      if (!relu) activateInPlace(m, b.conv2Out, b.conv2Out + batch * conv2Steps * CONV2_FILTERS, activation);
      const steps = { samples: batch, steps: conv2Steps, channels: CONV2_FILTERS };
      this.kernels.meanSteps(b.conv2Out, this.concat + index * CONV2_FILTERS, steps, width);
    });
    const dense = this.dense;
    const denseGeometry = rowGeometry(batch, width, DENSE_UNITS);
    this.kernels.forward(this.concat, this.params + dense.w, this.params + dense.b, dense.out, denseGeometry, relu);
    if (!relu) activateInPlace(m, dense.out, dense.out + batch * DENSE_UNITS, activation);
    // Inverted dropout, as Keras: kept units are scaled by 1/(1-rate); `keep` holds that factor for backward.
    const units = batch * DENSE_UNITS;
    this.dropoutActive = dropout !== undefined;
    if (dropout) {
      const keepScale = 1 / (1 - DROPOUT_RATE);
      for (let s = 0; s < batch; s++) {
        const random = new SeededRandom(dropout.stepSeed ^ Math.imul(dropout.firstWindow + s + 1, 0x9e3779b1));
        for (let i = s * DENSE_UNITS; i < (s + 1) * DENSE_UNITS; i++) {
          const keep = random.next() >= DROPOUT_RATE ? keepScale : 0;
          m[dense.keep + i] = keep;
          m[dense.dropped + i] = keep * (m[dense.out + i] ?? 0);
        }
      }
    } else {
      m.copyWithin(dense.dropped, dense.out, dense.out + units);
    }
    const out = this.output;
    const outGeometry = rowGeometry(batch, DENSE_UNITS, 1);
    this.kernels.forward(dense.dropped, this.params + out.w, this.params + out.b, out.logits, outGeometry, false);
    return out.logits;
  }

  /** Probabilities of the loaded batch after `forward`. */
  probabilities(into: Float32Array, at: number): void {
    for (let s = 0; s < this.batchSize; s++) into[at + s] = sigmoid(this.m[this.output.logits + s] ?? 0);
  }

  /**
   * Accumulates into the gradient range the gradient of the batch's mean binary cross-entropy (not the L2
   * term, which the optimiser step adds), and returns that mean loss.
   */
  backward(labels: ArrayLike<number>, indices: ArrayLike<number>, start: number): number {
    const m = this.m;
    const batch = this.batchSize;
    const activation = this.layout.activation;
    const width = this.layout.concatWidth;
    const out = this.output;
    let loss = 0;
    for (let s = 0; s < batch; s++) {
      const z = m[out.logits + s] ?? 0;
      const y = labels[indices[start + s] ?? 0] ?? 0;
      // Loss from the logit: stable where log(sigmoid(z)) would underflow.
      loss += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
      m[out.grad + s] = (sigmoid(z) - y) / batch;
    }
    const dense = this.dense;
    const outGeometry = rowGeometry(batch, DENSE_UNITS, 1);
    this.kernels.gradWeights(dense.dropped, out.grad, this.grads + out.w, this.grads + out.b, outGeometry);
    this.kernels.gradInput(out.grad, this.params + out.w, dense.grad, outGeometry);
    const units = batch * DENSE_UNITS;
    if (this.dropoutActive) {
      for (let i = 0; i < units; i++) m[dense.grad + i] = (m[dense.grad + i] ?? 0) * (m[dense.keep + i] ?? 0);
    }
    multiplyByDerivative(m, dense.grad, dense.out, units, activation);
    const denseGeometry = rowGeometry(batch, width, DENSE_UNITS);
    this.kernels.gradWeights(this.concat, dense.grad, this.grads + dense.w, this.grads + dense.b, denseGeometry);
    this.kernels.gradInput(dense.grad, this.params + dense.w, this.gradConcat, denseGeometry);
    const relu = activation === 'relu';
    this.branches.forEach((b, index) => {
      const { conv1Steps, conv2Steps } = b.layout;
      const gapGeometry = { samples: batch, steps: conv2Steps, channels: CONV2_FILTERS };
      this.kernels.meanStepsGrad(
        this.gradConcat + index * CONV2_FILTERS,
        b.conv2Out,
        b.gradConv2,
        gapGeometry,
        width,
        relu,
      );
      if (!relu) multiplyByDerivative(m, b.gradConv2, b.conv2Out, batch * conv2Steps * CONV2_FILTERS, activation);
      const conv2 = { ...b.conv2, samples: batch };
      this.kernels.gradWeights(b.pooled, b.gradConv2, this.grads + b.w2, this.grads + b.b2, conv2);
      this.kernels.gradInput(b.gradConv2, this.params + b.w2, b.gradPooled, conv2);
      const poolGeometry = { samples: batch, steps: conv1Steps, channels: CONV1_FILTERS };
      this.kernels.maxPoolGrad(b.conv1Out, b.gradPooled, b.gradConv1, poolGeometry, relu);
      if (!relu) multiplyByDerivative(m, b.gradConv1, b.conv1Out, batch * conv1Steps * CONV1_FILTERS, activation);
      const conv1 = { ...b.conv1, samples: batch };
      this.kernels.gradWeights(b.input, b.gradConv1, this.grads + b.w1, this.grads + b.b1, conv1);
    });
    return loss / batch;
  }
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function rowGeometry(samples: number, k: number, n: number): ConvGeometry {
  return { samples, sampleStride: k, rowsPerSample: 1, rowStride: 0, k, n };
}

interface Allocator {
  alloc(floats: number): number;
}

function planBuffers(layout: ModelLayout, capacity: number, arena: Allocator) {
  const weightOffsets = new Map<string, number>();
  let parameterCount = 0;
  for (const spec of layout.weights) {
    weightOffsets.set(spec.name, parameterCount);
    // Each weight starts 16-byte aligned so SIMD kernels can load its rows.
    parameterCount += Math.ceil(weightSize(spec) / 4) * 4;
  }
  const params = arena.alloc(parameterCount);
  const grads = arena.alloc(parameterCount);
  const offsetOf = (name: string): number => weightOffsets.get(name) ?? 0;
  const k = layout.kernelSize;
  const branches = layout.branches.map((branch): BranchBuffers => {
    const { signal, length, channels, conv1Steps, pooledSteps, conv2Steps } = branch;
    return {
      layout: branch,
      w1: offsetOf(`${signal}_conv1/kernel`),
      b1: offsetOf(`${signal}_conv1/bias`),
      w2: offsetOf(`${signal}_conv2/kernel`),
      b2: offsetOf(`${signal}_conv2/bias`),
      input: arena.alloc(capacity * length * channels),
      conv1Out: arena.alloc(capacity * conv1Steps * CONV1_FILTERS),
      pooled: arena.alloc(capacity * pooledSteps * CONV1_FILTERS),
      conv2Out: arena.alloc(capacity * conv2Steps * CONV2_FILTERS),
      gradConv2: arena.alloc(capacity * conv2Steps * CONV2_FILTERS),
      gradPooled: arena.alloc(capacity * pooledSteps * CONV1_FILTERS),
      gradConv1: arena.alloc(capacity * conv1Steps * CONV1_FILTERS),
      conv1: {
        samples: capacity,
        sampleStride: length * channels,
        rowsPerSample: conv1Steps,
        rowStride: channels,
        k: k * channels,
        n: CONV1_FILTERS,
      },
      conv2: {
        samples: capacity,
        sampleStride: pooledSteps * CONV1_FILTERS,
        rowsPerSample: conv2Steps,
        rowStride: CONV1_FILTERS,
        k: k * CONV1_FILTERS,
        n: CONV2_FILTERS,
      },
    };
  });
  const width = layout.concatWidth;
  return {
    parameterCount,
    params,
    grads,
    weightOffsets,
    branches,
    concat: arena.alloc(capacity * width),
    gradConcat: arena.alloc(capacity * width),
    dense: {
      w: offsetOf('dense/kernel'),
      b: offsetOf('dense/bias'),
      out: arena.alloc(capacity * DENSE_UNITS),
      keep: arena.alloc(capacity * DENSE_UNITS),
      dropped: arena.alloc(capacity * DENSE_UNITS),
      grad: arena.alloc(capacity * DENSE_UNITS),
    },
    output: {
      w: offsetOf('output/kernel'),
      b: offsetOf('output/bias'),
      logits: arena.alloc(capacity),
      grad: arena.alloc(capacity),
    },
  };
}
