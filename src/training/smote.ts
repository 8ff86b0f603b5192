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
 * SMOTE for the training windows only (synthetic windows in a test set would inflate its metrics): adds
 * minority-class windows until both classes are equally frequent. Each synthetic window lies on the segment
 * from a minority window to one of its k nearest minority neighbours, the distance taken over all its signals
 * flattened together and the same interpolation step applied to every signal. The originals come first, then
 * the synthetic windows; a balanced set is returned unchanged.
 */
export function smote(windows: WindowSet, options: SmoteOptions): WindowSet {
  const positives: number[] = [];
  const negatives: number[] = [];
  for (let i = 0; i < windows.count; i++) (windows.labels[i] === 1 ? positives : negatives).push(i);
  const [minority, majority] = positives.length < negatives.length ? [positives, negatives] : [negatives, positives];
  const missing = majority.length - minority.length;
  if (missing === 0) return windows;
  if (minority.length < 2) {
    throw new RangeError(`SMOTE needs at least two windows of the minority class, found ${minority.length}`);
  }
  const minorityLabel = windows.labels[minority[0] ?? 0] ?? 0;
  const signals = Object.entries(windows.signals) as [Signal, Float32Array][];
  const widths = signals.map(([, values]) => values.length / windows.count);
  const dimension = widths.reduce((a, b) => a + b, 0);
  const flattened = new Float32Array(minority.length * dimension);
  minority.forEach((index, row) => {
    let at = row * dimension;
    signals.forEach(([, values], s) => {
      const width = widths[s] ?? 0;
      flattened.set(values.subarray(index * width, (index + 1) * width), at);
      at += width;
    });
  });
  const k = Math.min(options.neighbours ?? 5, minority.length - 1);
  const neighbours = nearestNeighbours(flattened, minority.length, dimension, k);
  const random = new SeededRandom(options.seed);
  const count = windows.count + missing;
  const out: WindowSet = { count, signals: {}, labels: new Float32Array(count) };
  out.labels.set(windows.labels);
  out.labels.fill(minorityLabel, windows.count);
  const grown = signals.map(([signal, values], s) => {
    const width = widths[s] ?? 0;
    const array = new Float32Array(count * width);
    array.set(values);
    out.signals[signal] = array;
    return { values, array, width };
  });
  for (let n = 0; n < missing; n++) {
    const row = random.int(minority.length);
    const neighbourRow = neighbours[row * k + random.int(k)] ?? 0;
    const gap = random.next();
    const from = minority[row] ?? 0;
    const towards = minority[neighbourRow] ?? 0;
    const target = windows.count + n;
    for (const { values, array, width } of grown) {
      for (let d = 0; d < width; d++) {
        const a = values[from * width + d] ?? 0;
        const b = values[towards * width + d] ?? 0;
        array[target * width + d] = a + gap * (b - a);
      }
    }
  }
  return out;
}
