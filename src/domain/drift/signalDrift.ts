import type { Signal } from '../training/index.js';
import type { InputProfile } from './inputProfile.js';
import { binShares, populationStabilityIndex } from './populationStability.js';
import { ascending, trimmedMeanOfSorted } from './sampleStatistics.js';

export interface SignalDrift {
  /** Population stability index against the training deciles: reported, not what flags (see driftScores). */
  psi: number;
  /** (recording's trimmed mean − training's trimmed mean) / training std; signed. */
  meanShiftInStd: number;
  /** |meanShiftInStd| is above the threshold. */
  flagged: boolean;
  /** The training reference, in the signal's own units, so a caller can read the shift in µS or °C. */
  trainingMean: number;
  trainingStd: number;
}

export interface DriftScores {
  /** |meanShiftInStd| above this flags a signal. */
  threshold: number;
  flagged: boolean;
  signals: Partial<Record<Signal, SignalDrift>>;
}

/**
 * Compares one recording's values with the training profile, per signal.
 *
 * The flag is on the mean shift in training standard deviations, not on PSI. The training
 * distribution pools several people and one recording is one person: on slow, person-specific
 * signals a fresh, unshifted subject fills only a few of the pooled deciles, so its PSI is large
 * whatever it is (measured on 300 fresh synthetic subjects against 8 training subjects: EDA
 * 1.9–8.3, TEMP 1.9–8.3, BVP 0.01–3.3, ACC up to 1.1, where 0.25 is the usual "significant shift"),
 * and it saturates near 8.3 once every value falls in one bin, so EDA offset by six standard
 * deviations scores the same as an unshifted EDA. The pooled standard deviation includes the
 * spread between training subjects, so a new person lands within a few of them (BVP ≤ 0.08,
 * ACC ≤ 0.44, TEMP ≤ 3.9 in the same measurement) while an offset of several standard deviations
 * stands out (EDA + 6 std: 4.4 and more). PSI stays in the answer as a description.
 */
export function driftScores(
  profile: InputProfile,
  recording: ReadonlyMap<Signal, Float64Array>,
  threshold: number,
): DriftScores {
  const signals: Partial<Record<Signal, SignalDrift>> = {};
  for (const [signal, values] of recording) {
    const reference = profile.signals[signal];
    if (reference === undefined) throw new Error(`The input profile of run ${profile.runId} has no ${signal}.`);
    const sorted = ascending(values);
    const meanShiftInStd = (trimmedMeanOfSorted(sorted) - reference.trimmedMean) / reference.std;
    signals[signal] = {
      psi: populationStabilityIndex(binShares(sorted, reference.edges), reference.shares),
      meanShiftInStd,
      flagged: Math.abs(meanShiftInStd) > threshold,
      trainingMean: reference.mean,
      trainingStd: reference.std,
    };
  }
  return {
    threshold,
    flagged: Object.values(signals).some((drift) => drift.flagged),
    signals,
  };
}
