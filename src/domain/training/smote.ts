import type { Signal } from './model/params.js';
import { nearestNeighbours } from './nearestNeighbours.js';
import { SeededRandom } from './random.js';
import type { WindowSet } from './windows.js';

export interface SmoteOptions {
  seed: number;
  /** Neighbours to interpolate towards (imbalanced-learn's default is 5); capped at minority size − 1. */
  neighbours?: number;
}

/**
 * What SMOTE adds to a set of windows, without the windows: synthetic window `n` lies at `gaps[n]` of the
 * way from original window `from[n]` to original window `towards[n]`. Finding the neighbours is the costly
 * part (an exhaustive search over every pair of minority windows), so a run plans once and applies the plan
 * to the same windows in every epoch.
 */
export interface SmotePlan {
  /** How many windows the plan was made for; it applies to those windows only. */
  originals: number;
  minorityLabel: number;
  from: Int32Array;
  towards: Int32Array;
  gaps: Float64Array;
}

/**
 * SMOTE for the training windows only (synthetic windows in a test set would inflate its metrics): adds
 * minority-class windows until both classes are equally frequent. Each synthetic window lies on the segment
 * from a minority window to one of its k nearest minority neighbours, the distance taken over all its signals
 * flattened together and the same interpolation step applied to every signal. The originals come first, then
 * the synthetic windows; a balanced set is returned unchanged.
 */
export function smote(windows: WindowSet, options: SmoteOptions): WindowSet {
  return applySmotePlan(windows, planSmote(windows, options));
}

export function planSmote(windows: WindowSet, options: SmoteOptions): SmotePlan {
  const positives: number[] = [];
  const negatives: number[] = [];
  for (let i = 0; i < windows.count; i++) (windows.labels[i] === 1 ? positives : negatives).push(i);
  const [minority, majority] = positives.length < negatives.length ? [positives, negatives] : [negatives, positives];
  const missing = majority.length - minority.length;
  const plan: SmotePlan = {
    originals: windows.count,
    minorityLabel: windows.labels[minority[0] ?? 0] ?? 0,
    from: new Int32Array(missing),
    towards: new Int32Array(missing),
    gaps: new Float64Array(missing),
  };
  if (missing === 0) return plan;
  if (minority.length < 2) {
    throw new RangeError(`SMOTE needs at least two windows of the minority class, found ${minority.length}`);
  }
  const signals = Object.values(windows.signals);
  const widths = signals.map((values) => values.length / windows.count);
  const dimension = widths.reduce((a, b) => a + b, 0);
  const flattened = new Float32Array(minority.length * dimension);
  minority.forEach((index, row) => {
    let at = row * dimension;
    signals.forEach((values, s) => {
      const width = widths[s] ?? 0;
      flattened.set(values.subarray(index * width, (index + 1) * width), at);
      at += width;
    });
  });
  const k = Math.min(options.neighbours ?? 5, minority.length - 1);
  const neighbours = nearestNeighbours(flattened, minority.length, dimension, k);
  const random = new SeededRandom(options.seed);
  for (let n = 0; n < missing; n++) {
    const row = random.int(minority.length);
    const neighbourRow = neighbours[row * k + random.int(k)] ?? 0;
    plan.gaps[n] = random.next();
    plan.from[n] = minority[row] ?? 0;
    plan.towards[n] = minority[neighbourRow] ?? 0;
  }
  return plan;
}

/** The windows with the plan's synthetic windows appended; the windows themselves when it adds none. */
export function applySmotePlan(windows: WindowSet, plan: SmotePlan): WindowSet {
  assertPlanFits(windows, plan);
  const missing = plan.gaps.length;
  if (missing === 0) return windows;
  const count = windows.count + missing;
  const out: WindowSet = { count, signals: {}, labels: new Float32Array(count) };
  out.labels.set(windows.labels);
  out.labels.fill(plan.minorityLabel, windows.count);
  for (const [signal, values] of Object.entries(windows.signals) as [Signal, Float32Array][]) {
    const width = values.length / windows.count;
    const array = new Float32Array(count * width);
    array.set(values);
    out.signals[signal] = array;
    for (let n = 0; n < missing; n++) {
      const from = (plan.from[n] ?? 0) * width;
      const towards = (plan.towards[n] ?? 0) * width;
      const gap = plan.gaps[n] ?? 0;
      const target = (windows.count + n) * width;
      for (let d = 0; d < width; d++) {
        const a = values[from + d] ?? 0;
        const b = values[towards + d] ?? 0;
        array[target + d] = a + gap * (b - a);
      }
    }
  }
  return out;
}

/** A plan made for other windows would interpolate between unrelated windows without any error: refuse it. */
function assertPlanFits(windows: WindowSet, plan: SmotePlan): void {
  const missing = plan.gaps.length;
  if (plan.originals !== windows.count || plan.from.length !== missing || plan.towards.length !== missing) {
    throw new RangeError(`The SMOTE plan was made for ${plan.originals} windows, not these ${windows.count}.`);
  }
  for (let n = 0; n < missing; n++) {
    for (const index of [plan.from[n] ?? -1, plan.towards[n] ?? -1]) {
      if (!(index >= 0 && index < windows.count) || windows.labels[index] !== plan.minorityLabel) {
        throw new RangeError(`The SMOTE plan interpolates window ${index}, which is not a minority window here.`);
      }
    }
  }
}
