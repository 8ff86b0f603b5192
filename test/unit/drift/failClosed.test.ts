import { describe, expect, it } from 'vitest';
import { driftScores, MAX_OUT_OF_RANGE_SHARE } from '../../../src/domain/drift/signalDrift.js';
import { INPUT_PROFILE_FORMAT, signalProfile, type InputProfile } from '../../../src/domain/drift/inputProfile.js';
import { rawSignalValues } from '../../../src/domain/drift/rawSignalValues.js';
import { windowValidity } from '../../../src/domain/drift/windowValidity.js';
import { SIGNAL_RANGES } from '../../../src/domain/drift/signalRanges.js';
import { normalisedStream } from '../../../src/domain/wesad/preprocess/normalisation.js';
import { SyntheticRandom } from '../../../src/domain/wesad/synthetic/syntheticRandom.js';
import type { Signal, WindowSet } from '../../../src/domain/training/index.js';

const random = new SyntheticRandom(7);
function normal(count: number, mean: number, std: number): Float64Array {
  return Float64Array.from({ length: count }, () => mean + std * random.normal());
}

const profile: InputProfile = {
  format: INPUT_PROFILE_FORMAT,
  runId: 'r1',
  trainingSubjects: 8,
  signals: { EDA: signalProfile(normal(20_000, 3, 1)), TEMP: signalProfile(normal(20_000, 33, 0.8)) },
};

/** What the prediction path does with a recording: z-score it per stream, then undo that for drift. */
function throughPreprocessing(values: Float64Array): { z: Float32Array; raw: Float64Array; mean: number; std: number } {
  const { z, statistics } = normalisedStream(values);
  return { z, raw: rawSignalValues(z, statistics, 'test'), ...statistics };
}

function scoresOf(eda: Float64Array, temp: Float64Array = normal(eda.length, 33, 0.8)) {
  return driftScores(
    profile,
    new Map<Signal, Float64Array>([
      ['EDA', throughPreprocessing(eda).raw],
      ['TEMP', throughPreprocessing(temp).raw],
    ]),
    3.5,
  );
}

describe('drift on input no wrist can produce fails closed', () => {
  it('flags a signal whose values are 1e300, with the reason, where the shift used to come out null and unflagged', () => {
    const eda = normal(2000, 3, 1);
    eda.fill(1e300, 100, 110);
    const scores = scoresOf(eda);
    const drift = scores.signals.EDA;
    expect(drift?.flagged).toBe(true);
    expect(scores.flagged).toBe(true);
    expect(drift?.meanShiftInStd).toBeNull();
    expect(drift?.reasons.join('; ')).toMatch(/EDA: 2000 value\(s\) not finite.*no usable values/);
    expect(drift?.invalidValues).toBe(2000);
    // The untouched signal is scored as usual.
    expect(scores.signals.TEMP).toMatchObject({ flagged: false, reasons: [], invalidValues: 0 });
  });

  it('flags infinities and NaN, and values outside the signal range beyond the artefact share', () => {
    const eda = normal(2000, 3, 1);
    eda[5] = Number.POSITIVE_INFINITY;
    expect(scoresOf(eda).signals.EDA).toMatchObject({ flagged: true, meanShiftInStd: null });

    const hot = normal(2000, 33, 0.8);
    hot.fill(382.18, 0, Math.floor(MAX_OUT_OF_RANGE_SHARE * 2000) + 1);
    const flagged = scoresOf(normal(2000, 3, 1), hot).signals.TEMP;
    expect(flagged?.flagged).toBe(true);
    expect(flagged?.reasons).toEqual([`TEMP: 21 value(s) outside 0…50 °C`]);
    expect(Math.abs(flagged?.meanShiftInStd ?? Number.NaN)).toBeLessThan(0.5);
  });

  it('leaves the E4’s few start-up TEMP artefacts out of the scores without flagging the signal', () => {
    const temp = normal(480, 33, 0.8);
    temp.fill(382.18, 0, 2);
    const drift = scoresOf(normal(480, 3, 1), temp).signals.TEMP;
    expect(drift).toMatchObject({ flagged: false, reasons: [], invalidValues: 2 });
  });

  it('marks exactly the windows that hold an unusable value, with the signal and the reason', () => {
    const seconds = 40;
    const eda = normal(seconds * 4, 3, 0.5);
    eda.fill(150, 80, 84); // one second at 20 s, beyond the E4's 100 µS
    const temp = normal(seconds * 4, 33, 0.5);
    const edaZ = throughPreprocessing(eda);
    const tempZ = throughPreprocessing(temp);
    // Windows of 8 s every 2 s, EDA and TEMP at 4 Hz (32 values a window), as preprocessing cuts them.
    const starts = Array.from({ length: (seconds - 8) / 2 + 1 }, (_, index) => index * 2);
    const cut = (z: Float32Array) =>
      Float32Array.from(starts.flatMap((start) => Array.from(z.subarray(start * 4, start * 4 + 32))));
    const windows: WindowSet = {
      count: starts.length,
      labels: new Uint8Array(starts.length),
      signals: { EDA: cut(edaZ.z), TEMP: cut(tempZ.z) },
    };
    const reasons = windowValidity(windows, ['EDA', 'TEMP'], {
      EDA: { mean: edaZ.mean, std: edaZ.std },
      TEMP: { mean: tempZ.mean, std: tempZ.std },
    });
    const excluded = starts.filter((_, index) => reasons[index] !== null);
    expect(excluded).toEqual([14, 16, 18, 20]);
    expect(reasons[starts.indexOf(20)]).toBe(`EDA: 4 value(s) outside 0…${SIGNAL_RANGES.EDA.max} µS`);

    // Non-finite statistics (a stream holding 1e300) exclude every window of the signal.
    const all = windowValidity(windows, ['EDA'], {
      EDA: { mean: Number.POSITIVE_INFINITY, std: Number.POSITIVE_INFINITY },
    });
    expect(all.every((reason) => reason?.startsWith('EDA:') === true)).toBe(true);
  });
});
