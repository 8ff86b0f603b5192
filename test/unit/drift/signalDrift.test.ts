import { describe, expect, it } from 'vitest';
import { driftScores } from '../../../src/domain/drift/signalDrift.js';
import { INPUT_PROFILE_FORMAT, signalProfile, type InputProfile } from '../../../src/domain/drift/inputProfile.js';
import { SyntheticRandom } from '../../../src/domain/wesad/synthetic/syntheticRandom.js';
import type { Signal } from '../../../src/domain/training/index.js';

function normal(random: SyntheticRandom, count: number, mean: number, std: number): Float64Array {
  return Float64Array.from({ length: count }, () => mean + std * random.normal());
}

const random = new SyntheticRandom(42);
const profile: InputProfile = {
  format: INPUT_PROFILE_FORMAT,
  runId: 'r1',
  trainingSubjects: 4,
  signals: {
    // EDA in µS is never negative (signalRanges.ts): the mean sits five std above zero.
    EDA: signalProfile(normal(random, 20_000, 5, 1)),
    TEMP: signalProfile(normal(random, 20_000, 33, 0.8)),
  },
};

function recording(eda: Float64Array, temp: Float64Array): Map<Signal, Float64Array> {
  return new Map<Signal, Float64Array>([
    ['EDA', eda],
    ['TEMP', temp],
  ]);
}

describe('drift scores of a recording', () => {
  it('flag the signal that moved by several training standard deviations, and only it', () => {
    const scores = driftScores(profile, recording(normal(random, 2000, 5 + 6, 1), normal(random, 2000, 33, 0.8)), 3.5);
    expect(scores.flagged).toBe(true);
    expect(scores.threshold).toBe(3.5);
    expect(scores.signals.EDA?.flagged).toBe(true);
    expect(scores.signals.EDA?.meanShiftInStd).toBeCloseTo(6, 0);
    expect(scores.signals.EDA?.psi).toBeGreaterThan(5);
    expect(scores.signals.TEMP?.flagged).toBe(false);
    expect(Math.abs(scores.signals.TEMP?.meanShiftInStd ?? Number.NaN)).toBeLessThan(0.2);
    expect(scores.signals.TEMP?.psi).toBeLessThan(0.05);
    expect(scores.signals.EDA).toMatchObject({ trainingMean: profile.signals.EDA?.mean });
  });

  it('flag nothing when the recording looks like the training inputs', () => {
    const scores = driftScores(profile, recording(normal(random, 2000, 5, 1), normal(random, 2000, 33, 0.8)), 3.5);
    expect(scores.flagged).toBe(false);
    expect(Object.values(scores.signals).map((drift) => drift.flagged)).toEqual([false, false]);
  });

  it('keep the direction of a shift and flag strictly above the threshold', () => {
    const cooler = normal(random, 2000, 33 - 4 * 0.8, 0.8);
    const scores = driftScores(profile, recording(normal(random, 2000, 5, 1), cooler), 3.5);
    expect(scores.signals.TEMP?.meanShiftInStd).toBeLessThan(-3.5);
    expect(scores.signals.TEMP?.flagged).toBe(true);
    const shift = Math.abs(scores.signals.TEMP?.meanShiftInStd ?? 0);
    expect(driftScores(profile, recording(normal(random, 10, 5, 1), cooler), shift).signals.TEMP?.flagged).toBe(false);
  });

  it('refuse a signal the profile does not cover', () => {
    const acc = new Map<Signal, Float64Array>([['ACC', Float64Array.from([1, 1, 1])]]);
    expect(() => driftScores(profile, acc, 3.5)).toThrow(/run r1 has no ACC/);
  });
});
