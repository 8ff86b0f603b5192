import { weightSize, type WeightSpec } from '../model/architecture.js';

/** tfjs' Adam defaults (beta1, beta2, and the backend epsilon it adds to the root of the second moment). */
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-7;

export interface WeightRange {
  offset: number;
  size: number;
  regularized: boolean;
}

/** The ranges of the flat parameter vector that each weight occupies, for the L2 term. */
export function weightRanges(weights: WeightSpec[], offsets: ReadonlyMap<string, number>): WeightRange[] {
  return weights.map((spec) => ({
    offset: offsets.get(spec.name) ?? 0,
    size: weightSize(spec),
    regularized: spec.regularized,
  }));
}

/**
 * Adam over a flat parameter vector, with Keras' L2 kernel regulariser folded into the gradient (the penalty
 * l2·Σw² adds 2·l2·w), updating as tfjs' AdamOptimizer does.
 */
export class AdamWithL2 {
  private readonly firstMoment: Float32Array;
  private readonly secondMoment: Float32Array;
  private step = 0;

  constructor(
    private readonly ranges: WeightRange[],
    parameterCount: number,
    private readonly learningRate: number,
    private readonly l2: number,
  ) {
    this.firstMoment = new Float32Array(parameterCount);
    this.secondMoment = new Float32Array(parameterCount);
  }

  /** Copies of the moments and the step count, for a checkpoint. */
  snapshot(): { firstMoment: Float32Array; secondMoment: Float32Array; step: number } {
    return { firstMoment: this.firstMoment.slice(), secondMoment: this.secondMoment.slice(), step: this.step };
  }

  /** Continues from a snapshot, as if the updates behind it had run here. */
  restore(firstMoment: Float32Array, secondMoment: Float32Array, step: number): void {
    if (firstMoment.length !== this.firstMoment.length || secondMoment.length !== this.secondMoment.length) {
      throw new RangeError(
        `Adam moments of ${firstMoment.length} values do not fit ${this.firstMoment.length} parameters`,
      );
    }
    this.firstMoment.set(firstMoment);
    this.secondMoment.set(secondMoment);
    this.step = step;
  }

  /** The L2 penalty of the current parameters, to report next to the data loss. */
  penalty(params: Float32Array): number {
    let sum = 0;
    for (const range of this.ranges) {
      if (!range.regularized) continue;
      for (let i = range.offset; i < range.offset + range.size; i++) sum += (params[i] ?? 0) ** 2;
    }
    return this.l2 * sum;
  }

  update(params: Float32Array, grads: Float32Array): void {
    this.step++;
    const m = this.firstMoment;
    const v = this.secondMoment;
    const rate = this.learningRate;
    const correction1 = 1 - BETA1 ** this.step;
    const correction2 = 1 - BETA2 ** this.step;
    for (const range of this.ranges) {
      const decay = range.regularized ? 2 * this.l2 : 0;
      for (let i = range.offset; i < range.offset + range.size; i++) {
        const w = params[i] ?? 0;
        const g = (grads[i] ?? 0) + decay * w;
        const mi = BETA1 * (m[i] ?? 0) + (1 - BETA1) * g;
        const vi = BETA2 * (v[i] ?? 0) + (1 - BETA2) * g * g;
        m[i] = mi;
        v[i] = vi;
        params[i] = w - (rate * (mi / correction1)) / (Math.sqrt(vi / correction2) + EPSILON);
      }
    }
  }
}
