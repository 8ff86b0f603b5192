import type { Signal } from '../training/index.js';
import type { InputProfile, SignalProfile } from './inputProfile.js';
import { describeProblem, valueProblem, type ValueProblem } from './signalRanges.js';
import { binShares, populationStabilityIndex } from './populationStability.js';
import { TRIM_SHARE, ascending, trimmedMeanOfSorted } from './sampleStatistics.js';

export interface SignalDrift {
  /** Population stability index against the training deciles: reported, not what flags (see driftScores); null without usable values. */
  psi: number | null;
  /** (recording's trimmed mean − training's trimmed mean) / training std; signed; null when it cannot be computed. */
  meanShiftInStd: number | null;
  /** |meanShiftInStd| is above the threshold, or the input itself is unusable (see reasons). */
  flagged: boolean;
  /** Why the signal is flagged other than by its shift: non-finite or out-of-range values, nothing usable. */
  reasons: string[];
  /** Values left out of the scores for being non-finite or outside the signal's range (signalRanges.ts). */
  invalidValues: number;
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
 *
 * Drift fails closed: values that are not finite or outside the signal's range (signalRanges.ts)
 * are left out of the scores and counted, and flag the signal with the reason when they are not
 * the odd artefact (MAX_OUT_OF_RANGE_SHARE); a shift that cannot be computed flags it too.
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
    signals[signal] = {
      ...signalDrift(signal, values, reference, threshold),
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

/**
 * Out-of-range values up to this share of a signal are the artefacts the trimmed mean is built to
 * tolerate (the E4's TEMP start-up readings): left out and counted, without flagging the signal.
 * Any non-finite value, or more out-of-range values than this, flags it: such input fails closed.
 */
export const MAX_OUT_OF_RANGE_SHARE = TRIM_SHARE;

function signalDrift(
  signal: Signal,
  values: Float64Array,
  reference: SignalProfile,
  threshold: number,
): Omit<SignalDrift, 'trainingMean' | 'trainingStd'> {
  const usable = new Float64Array(values.length);
  let kept = 0;
  const problems: Record<ValueProblem, number> = { 'non-finite': 0, 'out-of-range': 0 };
  for (const value of values) {
    const problem = valueProblem(signal, value);
    if (problem === undefined) usable[kept++] = value;
    else problems[problem] += 1;
  }
  const reasons: string[] = [];
  if (problems['non-finite'] > 0) reasons.push(describeProblem(signal, 'non-finite', problems['non-finite']));
  if (problems['out-of-range'] > MAX_OUT_OF_RANGE_SHARE * values.length) {
    reasons.push(describeProblem(signal, 'out-of-range', problems['out-of-range']));
  }
  const invalidValues = values.length - kept;
  if (kept === 0) {
    reasons.push(`${signal}: no usable values`);
    return { psi: null, meanShiftInStd: null, flagged: true, reasons, invalidValues };
  }
  const sorted = ascending(usable.subarray(0, kept));
  const shift = (trimmedMeanOfSorted(sorted) - reference.trimmedMean) / reference.std;
  const psi = populationStabilityIndex(binShares(sorted, reference.edges), reference.shares);
  if (!Number.isFinite(shift)) reasons.push(`${signal}: the mean shift is not a finite number`);
  const meanShiftInStd = Number.isFinite(shift) ? shift : null;
  return {
    psi: Number.isFinite(psi) ? psi : null,
    meanShiftInStd,
    flagged: reasons.length > 0 || meanShiftInStd === null || Math.abs(meanShiftInStd) > threshold,
    reasons,
    invalidValues,
  };
}
