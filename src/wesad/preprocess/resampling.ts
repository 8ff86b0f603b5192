/** BVP 64 Hz → 32 Hz: sample j is the mean of samples 2j and 2j+1 (an odd last sample is dropped). */
export function averagePairs(values: Float64Array): Float64Array {
  const out = new Float64Array(Math.floor(values.length / 2));
  for (let j = 0; j < out.length; j += 1) out[j] = ((values[2 * j] ?? 0) + (values[2 * j + 1] ?? 0)) / 2;
  return out;
}

/** ACC rows of x,y,z in 1/64 g → one channel: the magnitude in g. */
export function accelerationMagnitude(rowsXyz: Float64Array): Float64Array {
  const out = new Float64Array(Math.floor(rowsXyz.length / 3));
  for (let i = 0; i < out.length; i += 1) {
    const x = rowsXyz[3 * i] ?? 0;
    const y = rowsXyz[3 * i + 1] ?? 0;
    const z = rowsXyz[3 * i + 2] ?? 0;
    out[i] = Math.sqrt(x * x + y * y + z * z) / 64;
  }
  return out;
}
