/**
 * The Wilcoxon signed-rank test of paired samples (e.g. one metric of two configurations on the
 * same folds): is the median difference zero? Zero differences are dropped (Wilcoxon's own
 * method, scipy's zero_method='wilcox'); tied absolute differences share their mean rank.
 *
 * The p-value is exact for up to `exactLimit` non-zero differences: the null distribution of W+
 * is enumerated over all 2^n sign assignments of the actual ranks, so ties are handled exactly
 * too (mid-ranks are doubled to integers for the enumeration). Beyond that, the normal
 * approximation with the tie correction of the variance and a continuity correction.
 */

export interface WilcoxonResult {
  /** Non-zero differences the test used. */
  n: number;
  /** Sum of the ranks of positive differences (first sample larger). */
  wPlus: number;
  /** Sum of the ranks of negative differences. */
  wMinus: number;
  /** min(W+, W−), the statistic tables and scipy report for the two-sided test. */
  statistic: number;
  /** Two-sided p-value; 1 when every difference is zero. */
  pValue: number;
  method: 'exact' | 'normal';
}

export const exactLimit = 50;

/** `method` 'auto' is exact up to `exactLimit` differences and normal beyond; the others force one. */
export function wilcoxonSignedRank(
  first: readonly number[],
  second: readonly number[],
  method: 'auto' | 'exact' | 'normal' = 'auto',
): WilcoxonResult {
  if (first.length !== second.length) {
    throw new RangeError(`Paired samples differ in length: ${first.length} and ${second.length}.`);
  }
  const differences = first.map((value, index) => value - (second[index] ?? Number.NaN));
  if (differences.some((difference) => !Number.isFinite(difference))) {
    throw new RangeError('Paired samples must be finite numbers.');
  }
  const nonZero = differences.filter((difference) => difference !== 0);
  const n = nonZero.length;
  if (n === 0) return { n, wPlus: 0, wMinus: 0, statistic: 0, pValue: 1, method: 'exact' };
  const doubledRanks = midRanksDoubled(nonZero.map(Math.abs));
  let plusDoubled = 0;
  for (const [index, difference] of nonZero.entries()) {
    if (difference > 0) plusDoubled += doubledRanks[index] ?? 0;
  }
  const totalDoubled = n * (n + 1);
  const wPlus = plusDoubled / 2;
  const wMinus = (totalDoubled - plusDoubled) / 2;
  const statistic = Math.min(wPlus, wMinus);
  if (method === 'exact' || (method === 'auto' && n <= exactLimit)) {
    return { n, wPlus, wMinus, statistic, pValue: exactTwoSided(doubledRanks, plusDoubled), method: 'exact' };
  }
  return { n, wPlus, wMinus, statistic, pValue: normalTwoSided(doubledRanks, wPlus), method: 'normal' };
}

/** Twice the mean rank of each value among all (1-based), so tied mid-ranks stay integers. */
function midRanksDoubled(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length).fill(0);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.value === order[start]?.value) end++;
    // Positions start..end (0-based) share the mean of ranks start+1..end+1; doubled: start+end+2.
    for (let position = start; position <= end; position++) {
      const entry = order[position];
      if (entry !== undefined) ranks[entry.index] = start + end + 2;
    }
    start = end + 1;
  }
  return ranks;
}

/**
 * P(W+ ≤ w) and P(W+ ≥ w) under the null, by counting the sign assignments whose positive ranks
 * sum to each total (a subset-sum count over the doubled ranks; counts stay below 2^50, exact in
 * a double). Two-sided: twice the smaller tail, at most 1.
 */
function exactTwoSided(doubledRanks: readonly number[], observedDoubled: number): number {
  const total = doubledRanks.reduce((sum, rank) => sum + rank, 0);
  let counts = new Array<number>(total + 1).fill(0);
  counts[0] = 1;
  let reach = 0;
  for (const rank of doubledRanks) {
    const next = counts.slice();
    for (let sum = 0; sum <= reach; sum++) {
      const ways = counts[sum] ?? 0;
      if (ways !== 0) next[sum + rank] = (next[sum + rank] ?? 0) + ways;
    }
    counts = next;
    reach += rank;
  }
  const assignments = 2 ** doubledRanks.length;
  let lower = 0;
  let upper = 0;
  for (const [sum, ways] of counts.entries()) {
    if (sum <= observedDoubled) lower += ways;
    if (sum >= observedDoubled) upper += ways;
  }
  return Math.min(1, (2 * Math.min(lower, upper)) / assignments);
}

/** Normal approximation: mean n(n+1)/4, variance n(n+1)(2n+1)/24 less Σ(t³−t)/48 over tie groups. */
function normalTwoSided(doubledRanks: readonly number[], wPlus: number): number {
  const n = doubledRanks.length;
  const ties = new Map<number, number>();
  for (const rank of doubledRanks) ties.set(rank, (ties.get(rank) ?? 0) + 1);
  let tieCorrection = 0;
  for (const size of ties.values()) tieCorrection += size ** 3 - size;
  const mean = (n * (n + 1)) / 4;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieCorrection / 48;
  if (variance <= 0) return 1;
  const z = Math.max(0, Math.abs(wPlus - mean) - 0.5) / Math.sqrt(variance);
  return Math.min(1, 2 * (1 - standardNormalCdf(z)));
}

/** Φ(z) through the complementary error function. */
function standardNormalCdf(z: number): number {
  return 1 - 0.5 * erfc(z / Math.SQRT2);
}

/** erfc by the Numerical Recipes Chebyshev fit (fractional error below 1.2e-7). */
function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const y =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? y : 2 - y;
}
