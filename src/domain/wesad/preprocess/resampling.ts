import type { WristSignalName } from '../recording.js';

/**
 * How a raw wrist stream becomes its window-rate stream: BVP 64 Hz → 32 Hz by averaging pairs
 * (sample j is the mean of 2j and 2j+1; an odd last sample is dropped), ACC rows of x,y,z in
 * 1/64 g → one channel, the magnitude in g; EDA and TEMP as they are. The same `reduce` serves a
 * stream held in full and one reduced block by block while it streams in, so both give the same bits.
 */
export interface WindowRateReduction {
  /** Raw values that make one window-rate sample. */
  group: number;
  /** Raw values per raw sample (ACC's three axes), for sample numbers in messages. */
  valuesPerSample: number;
  /** Writes the window-rate samples of the first `groups` whole groups of `values` to out[at…]. */
  reduce(values: Float64Array, groups: number, out: Float64Array, at: number): void;
}

function copyInto(values: Float64Array, groups: number, out: Float64Array, at: number): void {
  out.set(values.subarray(0, groups), at);
}

function averagePairsInto(values: Float64Array, pairs: number, out: Float64Array, at: number): void {
  for (let j = 0; j < pairs; j += 1) out[at + j] = ((values[2 * j] ?? 0) + (values[2 * j + 1] ?? 0)) / 2;
}

function accelerationMagnitudeInto(rowsXyz: Float64Array, rows: number, out: Float64Array, at: number): void {
  for (let i = 0; i < rows; i += 1) {
    const x = rowsXyz[3 * i] ?? 0;
    const y = rowsXyz[3 * i + 1] ?? 0;
    const z = rowsXyz[3 * i + 2] ?? 0;
    out[at + i] = Math.sqrt(x * x + y * y + z * z) / 64;
  }
}

export const WINDOW_RATE_REDUCTIONS: Readonly<Record<WristSignalName, WindowRateReduction>> = {
  EDA: { group: 1, valuesPerSample: 1, reduce: copyInto },
  TEMP: { group: 1, valuesPerSample: 1, reduce: copyInto },
  BVP: { group: 2, valuesPerSample: 1, reduce: averagePairsInto },
  ACC: { group: 3, valuesPerSample: 3, reduce: accelerationMagnitudeInto },
};

/** A raw stream held in full → its window-rate stream (EDA and TEMP are returned as they are). */
export function atWindowRate(name: WristSignalName, values: Float64Array): Float64Array {
  const reduction = WINDOW_RATE_REDUCTIONS[name];
  if (reduction.group === 1) return values;
  const out = new Float64Array(Math.floor(values.length / reduction.group));
  reduction.reduce(values, out.length, out, 0);
  return out;
}
