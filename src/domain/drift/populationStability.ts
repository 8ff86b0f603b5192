import { quantileOfSorted } from './sampleStatistics.js';

/** Training deciles: ten bins, the outer two open, so any value of a recording falls in one. */
export const PROFILE_BINS = 10;

/**
 * An empty bin would make the index infinite; it counts as this share instead (the usual
 * convention), which caps one empty bin's term near 0.1 · ln(0.1 / 1e-4) ≈ 0.69.
 */
export const EMPTY_BIN_SHARE = 1e-4;

/** Inner edges between `bins` equally populated bins of the sorted training values. */
export function quantileEdges(sorted: Float64Array, bins = PROFILE_BINS): number[] {
  return Array.from({ length: bins - 1 }, (_, index) => quantileOfSorted(sorted, (index + 1) / bins));
}

/**
 * Share of values per bin: bin 0 is below the first edge, bin i holds edges[i-1] ≤ v < edges[i],
 * the last bin everything from the last edge up. Ties in the training values repeat an edge and
 * leave the bin between empty; training and recordings are binned by the same rule, so it agrees.
 */
export function binShares(values: Float64Array, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const value of values) {
    let low = 0;
    let high = edges.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (value >= (edges[middle] ?? Number.POSITIVE_INFINITY)) low = middle + 1;
      else high = middle;
    }
    counts[low] = (counts[low] ?? 0) + 1;
  }
  return counts.map((count) => (values.length === 0 ? 0 : count / values.length));
}

/** Population stability index Σ (a − e) · ln(a / e) over bins, empty bins floored at EMPTY_BIN_SHARE. */
export function populationStabilityIndex(actual: readonly number[], expected: readonly number[]): number {
  if (actual.length !== expected.length) throw new Error('PSI needs the same bins on both sides.');
  let index = 0;
  actual.forEach((share, bin) => {
    const a = Math.max(share, EMPTY_BIN_SHARE);
    const e = Math.max(expected[bin] ?? 0, EMPTY_BIN_SHARE);
    index += (a - e) * Math.log(a / e);
  });
  return index;
}
