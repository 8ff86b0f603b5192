/** Summaries of a sample of signal values, shared by the training profile and each prediction. */

/** Below this a standard deviation is treated as this, as the preprocessing floors it (design/wesad.md). */
export const STD_FLOOR = 1e-6;

/**
 * Share cut from each end before taking the mean. A few sensor artefacts (the E4 writes TEMP
 * readings such as 382.18 °C in its first seconds) would otherwise move a short recording's mean by
 * a third of a training standard deviation; a real offset moves every value and survives the trim.
 */
export const TRIM_SHARE = 0.01;

export function ascending(values: Float64Array): Float64Array {
  return Float64Array.from(values).sort();
}

/** Mean and population standard deviation (floored), in float64. */
export function meanAndStd(values: Float64Array): { mean: number; std: number } {
  if (values.length === 0) throw new Error('No values to summarise.');
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / values.length;
  let squares = 0;
  for (const value of values) squares += (value - mean) * (value - mean);
  return { mean, std: Math.max(Math.sqrt(squares / values.length), STD_FLOOR) };
}

/** The q-quantile of sorted values, interpolated linearly between order statistics (numpy's default). */
export function quantileOfSorted(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) throw new Error('No values to take a quantile of.');
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const low = sorted[below] ?? Number.NaN;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] ?? Number.NaN;
  return low + (high - low) * (position - below);
}

/** The mean of sorted values without the lowest and highest `share` of them. */
export function trimmedMeanOfSorted(sorted: Float64Array, share = TRIM_SHARE): number {
  if (sorted.length === 0) throw new Error('No values to take a mean of.');
  const cut = Math.floor(share * sorted.length);
  let sum = 0;
  for (let index = cut; index < sorted.length - cut; index += 1) sum += sorted[index] ?? 0;
  return sum / (sorted.length - 2 * cut);
}
