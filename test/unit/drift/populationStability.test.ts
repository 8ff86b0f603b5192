import { describe, expect, it } from 'vitest';
import {
  binShares,
  EMPTY_BIN_SHARE,
  populationStabilityIndex,
  quantileEdges,
} from '../../../src/domain/drift/populationStability.js';

const oneToHundred = Float64Array.from({ length: 100 }, (_, index) => index + 1);

describe('training deciles', () => {
  it('are the quantiles numpy interpolates linearly', () => {
    // numpy.quantile(np.arange(1, 101), [0.1, 0.5, 0.9]) = 10.9, 50.5, 90.1
    const edges = quantileEdges(oneToHundred);
    expect(edges).toHaveLength(9);
    expect(edges[0]).toBeCloseTo(10.9, 12);
    expect(edges[4]).toBeCloseTo(50.5, 12);
    expect(edges[8]).toBeCloseTo(90.1, 12);
  });

  it('split the training values into ten equal shares', () => {
    const shares = binShares(oneToHundred, quantileEdges(oneToHundred));
    expect(shares).toEqual(new Array<number>(10).fill(0.1));
  });
});

describe('binning', () => {
  it('puts values beyond the training range into the open outer bins', () => {
    expect(binShares(Float64Array.from([-1e9, 0, 1e9]), [1, 2, 3])).toEqual([2 / 3, 0, 0, 1 / 3]);
  });

  it('puts a value equal to an edge into the bin above it', () => {
    expect(binShares(Float64Array.from([1, 2, 3]), [1, 2, 3])).toEqual([0, 1 / 3, 1 / 3, 1 / 3]);
  });

  it('leaves the bin between repeated edges empty, on both sides alike', () => {
    const ties = Float64Array.from([1, 2, 2, 2, 2, 2, 3]);
    const edges = quantileEdges(Float64Array.from(ties).sort(), 4);
    expect(edges).toEqual([2, 2, 2]);
    expect(binShares(ties, edges)).toEqual([1 / 7, 0, 0, 6 / 7]);
  });
});

describe('the population stability index', () => {
  it('is zero for the same distribution', () => {
    expect(populationStabilityIndex([0.1, 0.2, 0.7], [0.1, 0.2, 0.7])).toBe(0);
  });

  it('is Σ (a − e) · ln(a / e)', () => {
    const expected = -0.3 * Math.log(0.2 / 0.5) + 0.3 * Math.log(0.8 / 0.5);
    expect(populationStabilityIndex([0.2, 0.8], [0.5, 0.5])).toBeCloseTo(expected, 12);
    expect(populationStabilityIndex([0.2, 0.8], [0.5, 0.5])).toBeCloseTo(0.4159, 4);
  });

  it('floors empty bins instead of going infinite', () => {
    const psi = populationStabilityIndex([0, 1], [0.5, 0.5]);
    const expected = (EMPTY_BIN_SHARE - 0.5) * Math.log(EMPTY_BIN_SHARE / 0.5) + 0.5 * Math.log(2);
    expect(psi).toBeCloseTo(expected, 12);
    expect(Number.isFinite(psi)).toBe(true);
  });

  it('grows as a sample moves away from the training values', () => {
    const edges = quantileEdges(oneToHundred);
    const training = binShares(oneToHundred, edges);
    const shifted = (offset: number) =>
      populationStabilityIndex(
        binShares(
          oneToHundred.map((value) => value + offset),
          edges,
        ),
        training,
      );
    expect(shifted(0)).toBe(0);
    expect(shifted(5)).toBeGreaterThan(0);
    expect(shifted(20)).toBeGreaterThan(shifted(5));
    expect(shifted(60)).toBeGreaterThan(shifted(20));
  });

  it('refuses shares over different bins', () => {
    expect(() => populationStabilityIndex([1], [0.5, 0.5])).toThrow(/same bins/);
  });
});
