import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wilcoxonSignedRank } from '../../../src/domain/evaluations/wilcoxon.js';

/** An independent oracle: enumerate all 2^n sign assignments of the mid-ranks, no shortcuts. */
function bruteForcePValue(differences: number[]): number {
  const nonZero = differences.filter((d) => d !== 0);
  const absolute = nonZero.map(Math.abs);
  const ranks = absolute.map((value) => {
    const below = absolute.filter((other) => other < value).length;
    const equal = absolute.filter((other) => other === value).length;
    return below + (equal + 1) / 2;
  });
  const observed = nonZero.reduce((sum, d, i) => sum + (d > 0 ? (ranks[i] ?? 0) : 0), 0);
  let lower = 0;
  let upper = 0;
  const n = nonZero.length;
  for (let mask = 0; mask < 2 ** n; mask++) {
    let sum = 0;
    for (let i = 0; i < n; i++) if ((mask >> i) & 1) sum += ranks[i] ?? 0;
    if (sum <= observed + 1e-9) lower++;
    if (sum >= observed - 1e-9) upper++;
  }
  return Math.min(1, (2 * Math.min(lower, upper)) / 2 ** n);
}

describe('the Wilcoxon signed-rank test', () => {
  it("matches the textbook value on Darwin's maize data (Fisher 1935; scipy.stats.wilcoxon docs): T = 24, p = 0.041259765625", () => {
    // Height differences (cross- minus self-fertilised) of 15 pairs, in eighths of an inch.
    const d = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];
    const result = wilcoxonSignedRank(d, new Array<number>(d.length).fill(0));
    expect(result).toMatchObject({ n: 15, wMinus: 24, wPlus: 96, statistic: 24, method: 'exact' });
    // 2 × 676 / 2^15: the exact two-sided p-value scipy reports.
    expect(result.pValue).toBe(0.041259765625);
  });

  it('gives the smallest attainable p of the tables for all-positive differences: 2/2^5 for n = 5, 2/2^6 for n = 6', () => {
    expect(wilcoxonSignedRank([1, 2, 3, 4, 5], [0, 0, 0, 0, 0]).pValue).toBe(0.0625);
    expect(wilcoxonSignedRank([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [0, 0, 0, 0, 0, 0]).pValue).toBe(0.03125);
  });

  it('shares mid-ranks among ties and drops zero differences (worked by hand)', () => {
    // Differences 1, 1, -1, 2 and a zero: |d| = 1 three times shares rank 2; 2 has rank 4.
    // W+ = 2 + 2 + 4 = 8, W− = 2. Of the 16 sign assignments 4 give W+ ≥ 8 (8, 8, 8, 10): p = 2 × 4/16.
    const result = wilcoxonSignedRank([1.5, 2, 3, 5, 7], [0.5, 1, 4, 3, 7]);
    expect(result).toMatchObject({ n: 4, wPlus: 8, wMinus: 2, statistic: 2 });
    expect(result.pValue).toBe(0.5);
  });

  it('answers p = 1 when every pair is equal, and refuses samples of different lengths', () => {
    expect(wilcoxonSignedRank([0.8, 0.9], [0.8, 0.9])).toMatchObject({ n: 0, pValue: 1 });
    expect(() => wilcoxonSignedRank([1, 2], [1])).toThrow(RangeError);
  });

  it('agrees with brute-force enumeration on random small samples with ties and zeros', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 1, maxLength: 12 }), (differences) => {
        const result = wilcoxonSignedRank(differences, new Array<number>(differences.length).fill(0));
        expect(result.pValue).toBeCloseTo(bruteForcePValue(differences), 12);
      }),
      { numRuns: 300 },
    );
  });

  it('uses the normal approximation beyond the exact limit, close to the exact value', () => {
    const d = Array.from({ length: 30 }, (_, i) => (i % 4 === 0 ? -(i + 1) : i + 1) * 0.01);
    const zeros = new Array<number>(d.length).fill(0);
    const exact = wilcoxonSignedRank(d, zeros, 'exact');
    const normal = wilcoxonSignedRank(d, zeros, 'normal');
    expect(normal.method).toBe('normal');
    expect(Math.abs(normal.pValue - exact.pValue)).toBeLessThan(0.005);
    const large = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? -(i + 1) : i + 1));
    expect(wilcoxonSignedRank(large, new Array<number>(60).fill(0)).method).toBe('normal');
  });
});
