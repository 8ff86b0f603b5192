export interface SignalStatistics {
  mean: number;
  std: number;
}

export const STD_FLOOR = 1e-6;

/**
 * A stream z-scored with its own statistics, as float32: exactly the values its windows hold (each
 * is rounded once from the same float64 expression), so cutting a window is a copy and the
 * float64 stream need not outlive its statistics.
 */
export interface NormalisedStream {
  z: Float32Array<ArrayBuffer>;
  statistics: SignalStatistics;
}

/** Whole-stream mean and population standard deviation (numpy's x.std()), the std floored at 1e-6. */
export function streamStatistics(values: Float64Array): SignalStatistics {
  const mean = pairwiseSum(values, 0, values.length) / values.length;
  const variance = pairwiseSquaredDeviations(values, 0, values.length, mean) / values.length;
  return { mean, std: Math.max(Math.sqrt(variance), STD_FLOOR) };
}

export function normalisedStream(values: Float64Array): NormalisedStream {
  return normalisedWith(values, streamStatistics(values));
}

/** The whole stream z-scored with statistics taken elsewhere (wesad-wrist-v2: its clean seconds only). */
export function normalisedWith(values: Float64Array, statistics: SignalStatistics): NormalisedStream {
  const z = new Float32Array(values.length);
  zScoreInto(values, statistics, z);
  return { z, statistics };
}

/** Its own function: a loop this long is optimised on the fly, and code after it would then deoptimise. */
function zScoreInto(values: Float64Array, { mean, std }: SignalStatistics, z: Float32Array): void {
  for (let i = 0; i < values.length; i += 1) z[i] = ((values[i] ?? 0) - mean) / std;
}

/*
 * Pairwise summation, as numpy sums, so long streams keep float64 accuracy. The two sums are
 * written out rather than sharing a per-sample callback: each new callback made V8 throw away the
 * optimised loop, and every unoptimised float64 step allocates.
 */
function pairwiseSum(values: Float64Array, from: number, to: number): number {
  if (to - from <= 128) {
    let sum = 0;
    for (let i = from; i < to; i += 1) sum += values[i] ?? 0;
    return sum;
  }
  const middle = from + Math.floor((to - from) / 2);
  return pairwiseSum(values, from, middle) + pairwiseSum(values, middle, to);
}

function pairwiseSquaredDeviations(values: Float64Array, from: number, to: number, mean: number): number {
  if (to - from <= 128) {
    let sum = 0;
    for (let i = from; i < to; i += 1) {
      const deviation = (values[i] ?? 0) - mean;
      sum += deviation * deviation;
    }
    return sum;
  }
  const middle = from + Math.floor((to - from) / 2);
  return pairwiseSquaredDeviations(values, from, middle, mean) + pairwiseSquaredDeviations(values, middle, to, mean);
}
