import type { SignalStatistics } from '../wesad/preprocess/normalisation.js';

/**
 * A window set's values back in the units the wrist measured: raw = z · std + mean, with the
 * statistics its manifest recorded. Window sets are z-scored per subject, which removes exactly
 * the offsets drift is about, so drift is measured on these values, not on the model's inputs.
 */
export function rawSignalValues(
  zScored: Float32Array,
  statistics: SignalStatistics | undefined,
  what: string,
): Float64Array {
  if (statistics === undefined) throw new Error(`${what} has no normalisation statistics to undo.`);
  const raw = new Float64Array(zScored.length);
  for (let index = 0; index < zScored.length; index += 1) {
    raw[index] = (zScored[index] ?? 0) * statistics.std + statistics.mean;
  }
  return raw;
}

export function concatenate(parts: readonly Float64Array[]): Float64Array {
  const joined = new Float64Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}
