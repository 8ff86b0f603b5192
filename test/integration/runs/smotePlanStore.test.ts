import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { smotePlanOfRun } from '../../../src/domain/runs/smotePlanStore.js';
import { readModelsBlob, runPaths } from '../../../src/domain/runs/checkpointStore.js';
import { applySmotePlan, smote, type WindowSet } from '../../../src/domain/training/index.js';
import { SeededRandom } from '../../../src/domain/training/random.js';
import { testStorage } from '../../support/testStorage.js';

const storage = testStorage();

function imbalancedWindows(count: number, seed: number): WindowSet {
  const random = new SeededRandom(seed);
  return {
    count,
    labels: Uint8Array.from({ length: count }, (_, i) => (i % 4 === 0 ? 1 : 0)),
    signals: {
      EDA: Float32Array.from({ length: count * 8 }, () => random.next()),
      ACC: Float32Array.from({ length: count * 16 }, () => random.next()),
    },
  };
}

describe("a run's stored SMOTE plan", () => {
  it('is made once, stored, and balances the windows exactly as SMOTE does', async () => {
    const runId = `smote-${randomUUID()}`;
    const windows = imbalancedWindows(40, 1);
    const plan = await smotePlanOfRun(storage, runId, windows, { seed: 4 });
    expect(await readModelsBlob(storage, runPaths.smotePlan(runId))).toBeDefined();
    expect(applySmotePlan(windows, plan)).toEqual(smote(windows, { seed: 4 }));
    expect(await smotePlanOfRun(storage, runId, windows, { seed: 4 })).toEqual(plan);
  });

  it('is reused rather than made again, so windows it was not made for are refused', async () => {
    const runId = `smote-${randomUUID()}`;
    await smotePlanOfRun(storage, runId, imbalancedWindows(40, 1), { seed: 4 });
    const other = imbalancedWindows(48, 2);
    const stored = await smotePlanOfRun(storage, runId, other, { seed: 4 });
    expect(stored.originals).toBe(40);
    expect(() => applySmotePlan(other, stored)).toThrow(/made for 40 windows/);
  });

  it('refuses a plan stored with another seed', async () => {
    const runId = `smote-${randomUUID()}`;
    const windows = imbalancedWindows(40, 1);
    await smotePlanOfRun(storage, runId, windows, { seed: 4 });
    await expect(smotePlanOfRun(storage, runId, windows, { seed: 5 })).rejects.toThrow(/seed 4, not 5/);
  });
});
