import type { ModelLayout } from './model/architecture.js';
import type { Signal } from './model/params.js';

/**
 * Labelled windows as the trainers consume them: per signal a `[count, length, channels]` array in row-major,
 * channels-last order (the layout of a tfjs Conv1D input), and one 0/1 label per window (1 = stress). The
 * wesad-wrist-v1 windows (`data` n × width, `y` as Uint8Array) fit as they are, with one channel per signal.
 */
export interface WindowSet {
  count: number;
  signals: Partial<Record<Signal, Float32Array>>;
  labels: Float32Array | Uint8Array;
}

/** Throws unless the set holds every signal of the layout in the layout's shape. */
export function assertWindowsFit(windows: WindowSet, layout: ModelLayout): void {
  if (windows.labels.length !== windows.count) {
    throw new RangeError(`expected ${windows.count} labels, got ${windows.labels.length}`);
  }
  for (const branch of layout.branches) {
    const values = windows.signals[branch.signal];
    const expected = windows.count * branch.length * branch.channels;
    if (values?.length !== expected) {
      throw new RangeError(
        `${branch.signal}: expected ${windows.count}×${branch.length}×${branch.channels} values, got ${values?.length ?? 'none'}`,
      );
    }
  }
}

/** The windows at the given indices, in that order. */
export function selectWindows(windows: WindowSet, indices: ArrayLike<number>): WindowSet {
  const signals: Partial<Record<Signal, Float32Array>> = {};
  for (const [signal, values] of Object.entries(windows.signals) as [Signal, Float32Array][]) {
    const width = values.length / windows.count;
    const selected = new Float32Array(indices.length * width);
    for (let i = 0; i < indices.length; i++) {
      const from = (indices[i] ?? 0) * width;
      selected.set(values.subarray(from, from + width), i * width);
    }
    signals[signal] = selected;
  }
  const labels = new Float32Array(indices.length);
  for (let i = 0; i < indices.length; i++) labels[i] = windows.labels[indices[i] ?? 0] ?? 0;
  return { count: indices.length, signals, labels };
}
