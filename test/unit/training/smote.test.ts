import { describe, expect, it } from 'vitest';
import { applySmotePlan, planSmote, smote } from '../../../src/domain/training/smote.js';
import type { WindowSet } from '../../../src/domain/training/windows.js';

// Five calm windows and three stress windows; the stress windows sit at x = 0, 1 and 10 on both signals, so
// with one neighbour each: 0 → 1, 1 → 0, 10 → 1.
const windows: WindowSet = {
  count: 8,
  signals: {
    EDA: Float32Array.from([5, 5, 0, 0, 5, 5, 1, 2, 5, 5, 10, 20, 5, 5, 5, 5]),
    TEMP: Float32Array.from([7, 0, 7, 1, 7, 10, 7, 7]),
  },
  labels: Float32Array.from([0, 1, 0, 1, 0, 1, 0, 0]),
};
const stress = [
  { eda: [0, 0], temp: 0 },
  { eda: [1, 2], temp: 1 },
  { eda: [10, 20], temp: 10 },
];
const allowedPairs = [
  [0, 1],
  [1, 0],
  [2, 1],
];

describe('smote', () => {
  it('adds minority windows until the classes balance, keeping the originals first', () => {
    const balanced = smote(windows, { seed: 1, neighbours: 1 });
    expect(balanced.count).toBe(10);
    expect(Array.from(balanced.labels)).toEqual([0, 1, 0, 1, 0, 1, 0, 0, 1, 1]);
    expect(Array.from(balanced.signals.EDA?.subarray(0, 16) ?? [])).toEqual(Array.from(windows.signals.EDA ?? []));
  });

  it('interpolates each synthetic window towards a nearest neighbour, with one step for all signals', () => {
    const balanced = smote(windows, { seed: 2, neighbours: 1 });
    for (let n = 8; n < 10; n++) {
      const eda = Array.from(balanced.signals.EDA?.subarray(n * 2, n * 2 + 2) ?? []);
      const temp = balanced.signals.TEMP?.[n] ?? Number.NaN;
      const explained = allowedPairs.some(([from, to]) => {
        const a = stress[from ?? 0];
        const b = stress[to ?? 0];
        if (!a || !b) return false;
        const gap = b.temp === a.temp ? 0 : (temp - a.temp) / (b.temp - a.temp);
        return (
          gap >= 0 &&
          gap < 1 &&
          eda.every(
            (value, d) => Math.abs(value - ((a.eda[d] ?? 0) + gap * ((b.eda[d] ?? 0) - (a.eda[d] ?? 0)))) < 1e-5,
          )
        );
      });
      expect(explained, `synthetic window ${n}: EDA ${eda.join(', ')}, TEMP ${temp}`).toBe(true);
    }
  });

  it('repeats for a seed and differs between seeds', () => {
    const first = smote(windows, { seed: 3 });
    expect(smote(windows, { seed: 3 })).toEqual(first);
    expect(Array.from(smote(windows, { seed: 4 }).signals.TEMP ?? [])).not.toEqual(
      Array.from(first.signals.TEMP ?? []),
    );
  });

  it('returns a balanced set unchanged', () => {
    const balanced: WindowSet = {
      count: 2,
      signals: { TEMP: Float32Array.from([1, 2]) },
      labels: Float32Array.from([0, 1]),
    };
    expect(smote(balanced, { seed: 1 })).toBe(balanced);
  });

  it('plans the synthetic windows once and applies the plan to the windows it was made for only', () => {
    const plan = planSmote(windows, { seed: 5, neighbours: 1 });
    expect(plan.gaps).toHaveLength(2);
    expect(applySmotePlan(windows, plan)).toEqual(smote(windows, { seed: 5, neighbours: 1 }));
    const fewer: WindowSet = { ...windows, count: 7, labels: windows.labels.subarray(0, 7) };
    expect(() => applySmotePlan(fewer, plan)).toThrow(/made for 8 windows/);
    const relabelled: WindowSet = { ...windows, labels: Float32Array.from([1, 0, 1, 0, 1, 0, 1, 1]) };
    expect(() => applySmotePlan(relabelled, plan)).toThrow(/not a minority window/);
  });
});
