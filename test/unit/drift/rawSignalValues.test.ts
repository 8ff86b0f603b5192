import { describe, expect, it } from 'vitest';
import { rawSignalValues } from '../../../src/domain/drift/rawSignalValues.js';
import { decodeNpy } from '../../../src/domain/datasets/npyDecode.js';
import { ingestE4Zip } from '../../../src/domain/wesad/ingestE4.js';
import { e4Zip } from '../../../src/domain/wesad/synthetic/e4Export.js';
import { syntheticSubject } from '../../../src/domain/wesad/synthetic/syntheticSubject.js';
import { SIGNALS, type Signal } from '../../../src/domain/training/index.js';

/** The streams windows are cut from, derived here from the contract (design/wesad.md), not from the preprocessing code. */
function windowRateStream(signal: Signal, session: ReturnType<typeof syntheticSubject>['session']): number[] {
  if (signal === 'BVP') {
    return Array.from({ length: Math.floor(session.BVP.length / 2) }, (_, j) => {
      return ((session.BVP[2 * j] ?? 0) + (session.BVP[2 * j + 1] ?? 0)) / 2;
    });
  }
  if (signal === 'ACC') {
    return Array.from(
      { length: session.ACC.length / 3 },
      (_, i) => Math.hypot(session.ACC[3 * i] ?? 0, session.ACC[3 * i + 1] ?? 0, session.ACC[3 * i + 2] ?? 0) / 64,
    );
  }
  const values = Array.from(session[signal]);
  // The E4 export starts TEMP with two sensor artefacts, which ingestion keeps.
  if (signal === 'TEMP') values.fill(382.18, 0, 2);
  return values;
}

const rates: Record<Signal, number> = { EDA: 4, BVP: 32, TEMP: 4, ACC: 32 };

describe('de-normalised windows', () => {
  it('are the wrist streams the windows were cut from, in the units the wrist measured', async () => {
    const subject = syntheticSubject({ subject: 'S5', seconds: 60, seed: 12, leadInSeconds: 10, tailSeconds: 5 });
    const set = await ingestE4Zip([e4Zip(subject)], { sourceName: 'S5_E4_Data.zip', subject: 'S5' });
    for (const signal of SIGNALS) {
      const file = set.files.find((candidate) => candidate.name === `${signal}.npy`);
      if (file === undefined) throw new Error(`no ${signal}.npy`);
      const windows = decodeNpy(file.data);
      if (windows.dtype !== '<f4') throw new Error('not float32');
      const raw = rawSignalValues(windows.data, set.manifest.normalisation[signal], signal);
      const stream = windowRateStream(signal, subject.session);
      const width = 8 * rates[signal];
      const count = raw.length / width;
      expect(count).toBe(set.manifest.counts.windows);
      for (const window of [0, Math.floor(count / 2), count - 1]) {
        const from = window * 2 * rates[signal];
        for (const offset of [0, 1, width - 1]) {
          const expected = stream[from + offset] ?? Number.NaN;
          const actual = raw[window * width + offset] ?? Number.NaN;
          expect(Math.abs(actual - expected), `${signal} window ${window} sample ${offset}`).toBeLessThan(
            1e-4 * Math.max(1, Math.abs(expected)),
          );
        }
      }
    }
  });

  it('need the statistics the z-scoring used', () => {
    expect(() => rawSignalValues(new Float32Array(3), undefined, 'EDA of S5')).toThrow(/EDA of S5/);
  });

  it('undo z = (x − mean) / std exactly for representable values', () => {
    const raw = rawSignalValues(Float32Array.from([-1, 0, 0.5, 2]), { mean: 10, std: 4 }, 'x');
    expect(Array.from(raw)).toEqual([6, 10, 12, 18]);
  });
});
