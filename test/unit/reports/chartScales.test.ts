import { describe, expect, it } from 'vitest';
import { fixedAxis, integerAxis, valueAxis } from '../../../src/domain/reports/chartScales.js';

describe('chart axes', () => {
  it('gives an epoch axis whole-number ticks from the first epoch to the last', () => {
    expect(integerAxis([1, 2, 3, 4, 5, 6, 7]).ticks).toEqual([1, 3, 5, 7]);
    expect(integerAxis([1, 2, 3]).ticks).toEqual([1, 2, 3]);
    expect(integerAxis([1, 2]).ticks).toEqual([1, 2]);
    const long = integerAxis(Array.from({ length: 500 }, (_, index) => index + 1));
    expect(long.ticks.every(Number.isInteger)).toBe(true);
    expect(long.ticks[0]).toBe(1);
    expect(long.ticks.length).toBeLessThanOrEqual(6);
    expect(long).toMatchObject({ min: 1, max: 500, decimals: 0 });
  });

  it('centres a single epoch with its own tick', () => {
    expect(integerAxis([1])).toEqual({ min: 0, max: 2, ticks: [1], decimals: 0 });
  });

  it('takes a value axis from zero to a round tick at or above the largest value', () => {
    expect(valueAxis([1.12, 1.37, 0.4])).toEqual({ min: 0, max: 1.5, ticks: [0, 0.5, 1, 1.5], decimals: 1 });
    expect(valueAxis([0.69, 0.31])).toEqual({ min: 0, max: 0.8, ticks: [0, 0.2, 0.4, 0.6, 0.8], decimals: 1 });
    expect(valueAxis([0.6931]).ticks.at(-1)).toBeGreaterThanOrEqual(0.6931);
    expect(valueAxis([0.0123])).toMatchObject({ ticks: [0, 0.005, 0.01, 0.015], decimals: 3 });
    expect(valueAxis([-0.2, 0.3])).toMatchObject({ min: -0.2, max: 0.3 });
  });

  it('still draws an axis without data', () => {
    expect(valueAxis([])).toMatchObject({ min: 0, max: 0.2 });
    expect(integerAxis([])).toMatchObject({ ticks: [0, 1] });
  });

  it('ticks a rate axis at round fifths', () => {
    expect(fixedAxis(0, 1)).toEqual({ min: 0, max: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1], decimals: 1 });
  });
});
