import { describe, expect, it } from 'vitest';
import { featureNames, wristFeatures } from '../../../src/domain/training/featureTrees/wristFeatures.js';
import type { WindowSet } from '../../../src/domain/training/windows.js';

function oneWindow(eda: (i: number) => number, bvp: (i: number) => number, acc: (i: number) => number): WindowSet {
  return {
    count: 1,
    signals: {
      EDA: Float32Array.from({ length: 32 }, (_, i) => eda(i)),
      TEMP: new Float32Array(32).fill(2),
      BVP: Float32Array.from({ length: 256 }, (_, i) => bvp(i)),
      ACC: Float32Array.from({ length: 256 }, (_, i) => acc(i)),
    },
    labels: new Uint8Array([0]),
  };
}

function named(windows: WindowSet): Record<string, number> {
  const names = featureNames(['EDA', 'BVP', 'TEMP', 'ACC']);
  const row = wristFeatures(windows, ['EDA', 'BVP', 'TEMP', 'ACC']);
  expect(row.length).toBe(names.length);
  return Object.fromEntries(names.map((name, index) => [name, row[index] ?? Number.NaN]));
}

describe('the wrist features of the paper baseline', () => {
  it('gives the statistics and the slope per second of a ramp', () => {
    // EDA at 4 Hz rising 0.5 per sample: 2 per second, from 0 to 15.5.
    const features = named(
      oneWindow(
        (i) => 0.5 * i,
        () => 0,
        () => 0,
      ),
    );
    expect(features.EDA_mean).toBeCloseTo(7.75, 6);
    expect(features.EDA_min).toBe(0);
    expect(features.EDA_max).toBe(15.5);
    expect(features.EDA_range).toBe(15.5);
    expect(features.EDA_slope).toBeCloseTo(2, 6);
    expect(features.EDA_mean_abs_diff).toBeCloseTo(0.5, 6);
    expect(features.EDA_std).toBeCloseTo(Math.sqrt((0.25 * (32 * 32 - 1)) / 12), 5);
    expect(features.TEMP_std).toBe(0);
    expect(features.TEMP_slope).toBe(0);
  });

  it('finds the pulse rate in BVP and the movement rhythm in ACC', () => {
    // 1.25 Hz (75 beats a minute) is bin 10 of an 8 s window; ACC swings at 2 Hz with amplitude 3.
    const features = named(
      oneWindow(
        () => 1,
        (i) => Math.sin(2 * Math.PI * 1.25 * (i / 32)),
        (i) => 3 * Math.sin(2 * Math.PI * 2 * (i / 32)),
      ),
    );
    expect(features.BVP_hr_band_peak_hz).toBeCloseTo(1.25, 9);
    expect(features.BVP_hr_band_power_share).toBeCloseTo(1, 5);
    expect(features.ACC_peak_hz).toBeCloseTo(2, 9);
    // Mean of |3 sin| over whole periods is 6 / π.
    expect(features.ACC_abs_integral).toBeCloseTo(6 / Math.PI, 1);
  });

  it('puts a pulse outside the heart-rate band outside it', () => {
    const features = named(
      oneWindow(
        () => 1,
        (i) => Math.sin(2 * Math.PI * 6 * (i / 32)),
        () => 0,
      ),
    );
    expect(features.BVP_hr_band_power_share).toBeLessThan(0.01);
  });

  it('refuses windows of another length', () => {
    const windows = oneWindow(
      () => 1,
      () => 1,
      () => 1,
    );
    windows.signals.BVP = new Float32Array(128);
    expect(() => wristFeatures(windows, ['BVP'])).toThrow(/expected 256 samples/);
  });
});
