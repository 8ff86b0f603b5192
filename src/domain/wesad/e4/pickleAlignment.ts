import { WesadInputError } from '../errors.js';
import { WRIST_RATES_HZ } from '../recording.js';

/** Where a subject pickle's synchronised wrist recording sits in an E4 export. */
export interface PickleAlignment {
  /** Seconds from the E4 recording's start to the pickle's first sample (the chest device's start). */
  offsetSeconds: number;
  /** The EDA sample of the export at which the pickle's EDA starts. */
  edaSample: number;
  /** Samples compared, all equal. */
  matchedSamples: number;
}

/**
 * Finds the pickle's wrist EDA inside the export's EDA. WESAD's pickle holds a crop of the E4's
 * own samples (same values, same 4 Hz), so the crop must match exactly, value for value, at one
 * position only: no match or a second exact match (e.g. a flat signal) is refused rather than guessed.
 */
export function alignPickleToExport(exportEda: Float64Array, pickleEda: Float64Array): PickleAlignment {
  const n = pickleEda.length;
  if (n === 0) throw new WesadInputError('E4_OFFSET_NOT_FOUND', "The pickle's wrist EDA is empty.");
  const anchor = distinctiveIndex(pickleEda);
  const anchorValue = pickleEda[anchor];
  const matches: number[] = [];
  for (let start = 0; start + n <= exportEda.length && matches.length < 2; start += 1) {
    if (exportEda[start + anchor] !== anchorValue) continue;
    if (matchesAt(exportEda, pickleEda, start)) matches.push(start);
  }
  const [first, second] = matches;
  if (first === undefined) {
    throw new WesadInputError(
      'E4_OFFSET_NOT_FOUND',
      `The pickle's wrist EDA (${n} samples) does not occur in the export's EDA.csv (${exportEda.length} samples): not the same session.`,
    );
  }
  if (second !== undefined) {
    throw new WesadInputError(
      'E4_OFFSET_AMBIGUOUS',
      `The pickle's wrist EDA matches the export at more than one position (samples ${first} and ${second}); state the offset instead.`,
    );
  }
  return { offsetSeconds: first / WRIST_RATES_HZ.EDA, edaSample: first, matchedSamples: n };
}

/** The first sample that differs from its predecessor: a flat lead-in makes a poor anchor. */
function distinctiveIndex(values: Float64Array): number {
  for (let i = 1; i < values.length; i += 1) if (values[i] !== values[i - 1]) return i;
  return 0;
}

function matchesAt(haystack: Float64Array, needle: Float64Array, start: number): boolean {
  for (let i = 0; i < needle.length; i += 1) if (haystack[start + i] !== needle[i]) return false;
  return true;
}
