import { describe, expect, it } from 'vitest';
import { DriftHistory, driftTable } from '../../../src/domain/drift/driftHistory.js';
import type { DriftScores } from '../../../src/domain/drift/signalDrift.js';
import { applyTableRetention } from '../../../src/domain/gdpr/tableRetention.js';
import { storageClientsFor } from '../../support/isolatedStorage.js';

function scores(edaShift: number): DriftScores {
  return {
    threshold: 3.5,
    flagged: Math.abs(edaShift) > 3.5,
    signals: {
      EDA: {
        psi: 8.2,
        meanShiftInStd: edaShift,
        flagged: Math.abs(edaShift) > 3.5,
        reasons: [],
        invalidValues: 0,
        trainingMean: 2.1,
        trainingStd: 1.2,
      },
    },
  };
}

describe('the drift series of a model version', () => {
  it('keeps scores per version, newest first, in pages, without signal values', async () => {
    const storage = await storageClientsFor('drift');
    const history = new DriftHistory(storage);
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 26, 10, minute));
    for (const minute of [1, 3, 2]) {
      await history.append('stress-cnn', '1.2.0', scores(minute), {
        createdAt: at(minute),
        inputKind: 'e4-zip',
        windows: 50,
      });
    }
    await history.append('stress-cnn', '1.3.0', scores(0), { createdAt: at(4), inputKind: 'stored', windows: 7 });

    const first = await history.page('stress-cnn', '1.2.0', 2, undefined);
    expect(first.items.map((point) => point.createdAt)).toEqual([at(3).toISOString(), at(2).toISOString()]);
    expect(first.continuationToken).toBeDefined();
    const second = await history.page('stress-cnn', '1.2.0', 2, first.continuationToken);
    expect(second.items.map((point) => point.createdAt)).toEqual([at(1).toISOString()]);
    expect(second.continuationToken).toBeUndefined();

    expect(first.items[0]).toMatchObject({
      inputKind: 'e4-zip',
      windows: 50,
      threshold: 3.5,
      flagged: false,
      signals: { EDA: { psi: 8.2, meanShiftInStd: 3, flagged: false } },
    });
    // Only scores: the training reference (signal values) stays in the profile.
    expect(first.items[0]?.signals.EDA).toEqual({ psi: 8.2, meanShiftInStd: 3, flagged: false });
    expect((await history.page('stress-cnn', '1.3.0', 10, undefined)).items).toHaveLength(1);
  });

  it('gives two predictions in the same millisecond a row each', async () => {
    const storage = await storageClientsFor('drift');
    const history = new DriftHistory(storage);
    const now = new Date();
    await Promise.all(
      [5, 6].map((shift) =>
        history.append('m', '1.0.0', scores(shift), { createdAt: now, inputKind: 'e4-zip', windows: 1 }),
      ),
    );
    expect((await history.page('m', '1.0.0', 10, undefined)).items).toHaveLength(2);
  });

  it('expires with the retention period like the other tables', async () => {
    const storage = await storageClientsFor('drift');
    const history = new DriftHistory(storage);
    await history.append('m', '1.0.0', scores(1), {
      createdAt: new Date('2026-10-01T00:00:00Z'),
      inputKind: 'e4-zip',
      windows: 1,
    });
    await history.append('m', '1.0.0', scores(2), {
      createdAt: new Date('2026-11-20T00:00:00Z'),
      inputKind: 'e4-zip',
      windows: 1,
    });
    const report = await applyTableRetention(storage, 21, new Date('2026-11-26T00:00:00Z'));
    expect(report.driftPointsDeleted).toBe(1);
    const left = await history.page('m', '1.0.0', 10, undefined);
    expect(left.items.map((point) => point.createdAt)).toEqual(['2026-11-20T00:00:00.000Z']);
    expect(driftTable).toBe('drift');
  });
});
