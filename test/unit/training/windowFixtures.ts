import { modelLayout } from '../../../src/domain/training/model/architecture.js';
import type { TrainingParams } from '../../../src/domain/training/model/params.js';
import { SeededRandom } from '../../../src/domain/training/random.js';
import type { WindowSet } from '../../../src/domain/training/windows.js';

/**
 * Windows whose label is learnable: stress windows get a positive offset on every signal, so a model that
 * trains at all separates them.
 */
export function syntheticWindows(params: TrainingParams, count: number, seed = 7): WindowSet {
  const random = new SeededRandom(seed);
  const labels = Float32Array.from({ length: count }, (_, i) => i % 2);
  const signals: WindowSet['signals'] = {};
  for (const b of modelLayout(params).branches) {
    const width = b.length * b.channels;
    const values = new Float32Array(count * width);
    for (let i = 0; i < count; i++) {
      const offset = (labels[i] ?? 0) * 0.8;
      for (let j = 0; j < width; j++) values[i * width + j] = random.next() * 2 - 1 + offset;
    }
    signals[b.signal] = values;
  }
  return { count, signals, labels };
}
