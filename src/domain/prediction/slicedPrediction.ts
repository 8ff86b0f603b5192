import { setImmediate as nextTurn } from 'node:timers/promises';
import type { WindowSet } from '../training/index.js';
import type { PredictingModel } from './versionModel.js';

/**
 * Windows predicted per call. Half of a call runs on the request's thread (the other half on the
 * engine's worker), so a slice this size keeps each stretch without a turn of the event loop short.
 */
const SLICE_WINDOWS = 1024;

/** The model's probabilities for every window, asked slice by slice with the event loop served in between. */
export async function predictInSlices(
  model: Pick<PredictingModel, 'predict'>,
  windows: WindowSet,
): Promise<Float32Array> {
  if (windows.count <= SLICE_WINDOWS) return model.predict(windows);
  const out = new Float32Array(windows.count);
  for (let start = 0; start < windows.count; start += SLICE_WINDOWS) {
    const count = Math.min(SLICE_WINDOWS, windows.count - start);
    const signals: WindowSet['signals'] = {};
    for (const [signal, values] of Object.entries(windows.signals) as [keyof WindowSet['signals'], Float32Array][]) {
      const length = values.length / windows.count;
      signals[signal] = values.subarray(start * length, (start + count) * length);
    }
    out.set(await model.predict({ count, labels: windows.labels.subarray(start, start + count), signals }), start);
    await nextTurn();
  }
  return out;
}
