import { describe, expect, it } from 'vitest';
import {
  ascending,
  meanAndStd,
  quantileOfSorted,
  STD_FLOOR,
  trimmedMeanOfSorted,
} from '../../../src/domain/drift/sampleStatistics.js';

describe('sample statistics', () => {
  it('gives the mean and the population standard deviation', () => {
    const { mean, std } = meanAndStd(Float64Array.from([2, 4, 4, 4, 5, 5, 7, 9]));
    expect(mean).toBe(5);
    expect(std).toBe(2);
  });

  it('floors the standard deviation of a constant signal, as the preprocessing does', () => {
    expect(meanAndStd(Float64Array.from([3, 3, 3])).std).toBe(STD_FLOOR);
  });

  it('interpolates quantiles between order statistics', () => {
    const sorted = Float64Array.from([1, 2, 3, 4]);
    expect(quantileOfSorted(sorted, 0)).toBe(1);
    expect(quantileOfSorted(sorted, 0.5)).toBe(2.5);
    expect(quantileOfSorted(sorted, 1)).toBe(4);
  });

  it('keeps a few sensor artefacts from moving the trimmed mean', () => {
    // A short E4 session at 33 °C whose first two TEMP readings are the sensor's 382.18 °C.
    const temperatures = new Float64Array(840).fill(33);
    temperatures[0] = 382.18;
    temperatures[1] = 382.18;
    expect(meanAndStd(temperatures).mean).toBeGreaterThan(33.8);
    expect(trimmedMeanOfSorted(ascending(temperatures))).toBe(33);
  });

  it('follows an offset of every value in full', () => {
    const values = Float64Array.from({ length: 1000 }, (_, index) => Math.sin(index) * 2);
    const before = trimmedMeanOfSorted(ascending(values));
    const after = trimmedMeanOfSorted(ascending(values.map((value) => value + 7.5)));
    expect(after - before).toBeCloseTo(7.5, 10);
  });

  it('refuses to summarise nothing', () => {
    expect(() => meanAndStd(new Float64Array(0))).toThrow(/No values/);
    expect(() => quantileOfSorted(new Float64Array(0), 0.5)).toThrow(/No values/);
  });
});
