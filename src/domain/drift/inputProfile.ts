import { z } from 'zod';
import { SIGNALS, type Signal } from '../training/index.js';
import { binShares, quantileEdges } from './populationStability.js';
import { ascending, meanAndStd, trimmedMeanOfSorted } from './sampleStatistics.js';

/**
 * What the model's training inputs looked like, per signal, in the units the wrist measured
 * (µS, raw BVP, °C, g), over the run's training subjects: the reference each prediction's
 * inputs are compared with.
 */
export interface SignalProfile {
  /** Window samples summarised (overlapping windows count a sample once per window, as the model sees it). */
  values: number;
  mean: number;
  std: number;
  /** Mean without the lowest and highest TRIM_SHARE of the values. */
  trimmedMean: number;
  /** Inner edges of the bins (training deciles); the outer bins are open. */
  edges: number[];
  /** Share of the training values in each bin. */
  shares: number[];
}

export const INPUT_PROFILE_FORMAT = 'wesad-input-profile-v1';

export interface InputProfile {
  format: typeof INPUT_PROFILE_FORMAT;
  runId: string;
  /** How many subjects the profile pools; their ids are in the run record, not repeated here. */
  trainingSubjects: number;
  signals: Partial<Record<Signal, SignalProfile>>;
}

const signalProfileSchema = z.object({
  values: z.number().int().positive(),
  mean: z.number(),
  std: z.number().positive(),
  trimmedMean: z.number(),
  edges: z.array(z.number()),
  shares: z.array(z.number().min(0).max(1)),
});

export const inputProfileSchema = z.object({
  format: z.literal(INPUT_PROFILE_FORMAT),
  runId: z.string(),
  trainingSubjects: z.number().int().nonnegative(),
  signals: z.partialRecord(z.enum(SIGNALS), signalProfileSchema),
});

/** The profile of one signal's training values. */
export function signalProfile(values: Float64Array): SignalProfile {
  const sorted = ascending(values);
  const edges = quantileEdges(sorted);
  return {
    values: values.length,
    ...meanAndStd(values),
    trimmedMean: trimmedMeanOfSorted(sorted),
    edges,
    shares: binShares(sorted, edges),
  };
}
