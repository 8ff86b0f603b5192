export interface SignalStatistics {
  mean: number;
  std: number;
}

export const STD_FLOOR = 1e-6;

/** Whole-stream mean and population standard deviation (numpy's x.std()), the std floored at 1e-6. */
export function streamStatistics(values: Float64Array): SignalStatistics {
  const mean = pairwiseSum(values, 0, values.length, (v) => v) / values.length;
  const variance = pairwiseSum(values, 0, values.length, (v) => (v - mean) * (v - mean)) / values.length;
  return { mean, std: Math.max(Math.sqrt(variance), STD_FLOOR) };
}

/** Pairwise summation, as numpy sums, so long streams keep float64 accuracy. */
function pairwiseSum(values: Float64Array, from: number, to: number, term: (value: number) => number): number {
  if (to - from <= 128) {
    let sum = 0;
    for (let i = from; i < to; i += 1) sum += term(values[i] ?? 0);
    return sum;
  }
  const middle = from + Math.floor((to - from) / 2);
  return pairwiseSum(values, from, middle, term) + pairwiseSum(values, middle, to, term);
}
