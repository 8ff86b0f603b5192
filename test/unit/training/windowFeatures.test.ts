import { describe, expect, it } from 'vitest';
import { featureColumns, statistics, windowFeatures } from '../../../src/domain/training/features/windowFeatures.js';

describe('the statistical window features of the feature baseline', () => {
  it('computes mean, population std, min, max, range and least-squares slope', () => {
    // 1, 3, 2, 6: mean 3; deviations -2, 0, -1, 3 → variance 14/4; slope Σ(t−1.5)(x−3)/Σ(t−1.5)² = (3 + 0 − 0.5 + 4.5)/5 = 7/5.
    const [mean, std, min, max, range, slope] = statistics([1, 3, 2, 6], 0, 1, 4);
    expect(mean).toBe(3);
    expect(std).toBeCloseTo(Math.sqrt(3.5), 12);
    expect([min, max, range]).toEqual([1, 6, 5]);
    expect(slope).toBeCloseTo(1.4, 12);
    // A straight line y = 2t + 1 has slope 2 and nothing else.
    expect(statistics([1, 3, 5, 7, 9], 0, 1, 5)[5]).toBeCloseTo(2, 12);
  });

  it('reads each window of each signal (and each channel of a multi-channel one) in the layout of a WindowSet', () => {
    const params = {
      signals: ['EDA', 'ACC'] as ('EDA' | 'ACC')[],
      input_shapes: { EDA: 3, ACC: [2, 2] as [number, number] },
    };
    expect(featureColumns(params)).toEqual([
      ...['mean', 'std', 'min', 'max', 'range', 'slope'].map((name) => `EDA_${name}`),
      ...['mean', 'std', 'min', 'max', 'range', 'slope'].map((name) => `ACC_0_${name}`),
      ...['mean', 'std', 'min', 'max', 'range', 'slope'].map((name) => `ACC_1_${name}`),
    ]);
    const rows = windowFeatures(
      {
        count: 2,
        // Two windows of three EDA samples; two windows of two time steps × two channels (channels last).
        signals: { EDA: new Float32Array([1, 2, 3, 5, 5, 5]), ACC: new Float32Array([0, 10, 2, 30, 4, 0, 4, 0]) },
        labels: new Uint8Array([0, 1]),
      },
      params,
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]?.slice(0, 6)).toEqual([2, Math.sqrt(2 / 3), 1, 3, 2, 1]);
    expect(rows[0]?.slice(6, 12)).toEqual([1, 1, 0, 2, 2, 2]);
    expect(rows[0]?.slice(12, 18)).toEqual([20, 10, 10, 30, 20, 20]);
    expect(rows[1]?.slice(0, 6)).toEqual([5, 0, 5, 5, 0, 0]);
    expect(rows[1]?.slice(6, 12)).toEqual([4, 0, 4, 4, 0, 0]);
  });

  it('refuses windows that lack a signal or have the wrong shape', () => {
    const params = { signals: ['EDA'] as 'EDA'[], input_shapes: { EDA: 4 } };
    expect(() => windowFeatures({ count: 1, signals: {}, labels: new Uint8Array([0]) }, params)).toThrow(/no EDA/);
    expect(() =>
      windowFeatures({ count: 1, signals: { EDA: new Float32Array(3) }, labels: new Uint8Array([0]) }, params),
    ).toThrow(RangeError);
  });
});
