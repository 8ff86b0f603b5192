import type { WindowSet } from '../windows.js';
import type { DropoutDraw, StressNetwork } from './network.js';

/**
 * One shard's share of a training step: loads `indices[start, start+count)`, runs forward with dropout and
 * backward, leaving the shard's mean-loss gradient in the network's gradient range. Returns the shard's mean
 * loss and writes its probabilities (for accuracy) into `probabilities` from `at`.
 */
export function trainShard(
  network: StressNetwork,
  windows: WindowSet,
  indices: ArrayLike<number>,
  start: number,
  count: number,
  dropout: DropoutDraw,
  probabilities: Float32Array,
  at: number,
): number {
  network.loadBatch(windows, indices, start, count);
  network.forward(dropout);
  network.gradientView().fill(0);
  const loss = network.backward(windows.labels, indices, start);
  network.probabilities(probabilities, at);
  return loss;
}

/** Stress probabilities of all windows, in batches of the network's capacity. */
export function predictAll(network: StressNetwork, windows: WindowSet): Float32Array {
  const out = new Float32Array(windows.count);
  const indices = Uint32Array.from({ length: windows.count }, (_, i) => i);
  for (let start = 0; start < windows.count; start += network.capacity) {
    const size = Math.min(network.capacity, windows.count - start);
    network.loadBatch(windows, indices, start, size);
    network.forward();
    network.probabilities(out, start);
  }
  return out;
}
