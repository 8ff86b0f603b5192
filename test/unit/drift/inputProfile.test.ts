import { describe, expect, it } from 'vitest';
import {
  INPUT_PROFILE_FORMAT,
  inputProfileSchema,
  signalProfile,
  type InputProfile,
} from '../../../src/domain/drift/inputProfile.js';

const values = Float64Array.from({ length: 5000 }, (_, index) => 30 + 4 * Math.sin(index * 0.37) + (index % 7) * 0.01);

describe('the profile of a signal', () => {
  it('holds the mean, standard deviation, trimmed mean and the training deciles with their shares', () => {
    const profile = signalProfile(values);
    expect(profile.values).toBe(5000);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(profile.mean).toBeCloseTo(mean, 10);
    expect(profile.std).toBeCloseTo(Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / 5000), 10);
    expect(profile.edges).toHaveLength(9);
    expect([...profile.edges].sort((a, b) => a - b)).toEqual(profile.edges);
    expect(profile.shares).toHaveLength(10);
    expect(profile.shares.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 12);
    for (const share of profile.shares) expect(share).toBeCloseTo(0.1, 2);
  });

  it('does not depend on the order of the values, and leaves them as they were', () => {
    const copy = Float64Array.from(values);
    const reversed = Float64Array.from(values).reverse();
    const forward = signalProfile(values);
    const backward = signalProfile(reversed);
    expect(backward.edges).toEqual(forward.edges);
    expect(backward.shares).toEqual(forward.shares);
    expect(backward.trimmedMean).toBeCloseTo(forward.trimmedMean, 10);
    expect(values).toEqual(copy);
  });

  it('round-trips through JSON and its schema', () => {
    const profile: InputProfile = {
      format: INPUT_PROFILE_FORMAT,
      runId: 'r1',
      trainingSubjects: 3,
      signals: { TEMP: signalProfile(values) },
    };
    expect(inputProfileSchema.parse(JSON.parse(JSON.stringify(profile)))).toEqual(profile);
    expect(() => inputProfileSchema.parse({ ...profile, format: 'something-else' })).toThrow();
  });
});
