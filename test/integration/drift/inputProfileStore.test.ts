import { describe, expect, it } from 'vitest';
import { ingestSubjectPickle } from '../../../src/domain/wesad/ingestPickle.js';
import { storeWindowSet } from '../../../src/domain/datasets/windowSetStore.js';
import { readInputProfile, recordInputProfile } from '../../../src/domain/drift/inputProfileStore.js';
import { signalProfile } from '../../../src/domain/drift/inputProfile.js';
import { readModelsBlob, runPaths } from '../../../src/domain/runs/checkpointStore.js';
import { recordingWrist, syntheticSubject } from '../../../src/domain/wesad/synthetic/syntheticSubject.js';
import { protocolLabels } from '../../../src/domain/wesad/synthetic/studyProtocol.js';
import { finishedRun } from '../../support/runFixtures.js';
import { testStorage, uniqueName } from '../../support/testStorage.js';
import { syntheticPickle, uniqueSubjectId } from '../../support/syntheticUploads.js';

const storage = testStorage();
const seconds = 240;

async function stored(subject: string, seed: number): Promise<{ subject: string; version: string }> {
  const set = await ingestSubjectPickle([syntheticPickle(subject, seconds, seed)], { sourceName: `${subject}.pkl` });
  await storeWindowSet(storage, set);
  return { subject, version: set.version };
}

/** A subject's TEMP over its labelled windows, straight from the generator: what the profile must describe. */
function labelledTemperatures(seed: number): number[] {
  const subject = syntheticSubject({ subject: 'S2', seconds, seed });
  const temp = recordingWrist(subject).TEMP;
  const labels = protocolLabels(subject.protocol, seconds, 700);
  const values: number[] = [];
  for (let t0 = 0; t0 + 8 <= seconds; t0 += 2) {
    const codes = new Set(labels.subarray(700 * t0, 700 * (t0 + 8)));
    const [code] = codes;
    if (codes.size !== 1 || (code !== 1 && code !== 2 && code !== 3)) continue;
    for (let i = 0; i < 32; i++) values.push(temp[4 * t0 + i] ?? Number.NaN);
  }
  return values;
}

describe('the input profile of a run', () => {
  it('describes the training subjects’ raw values, ignores held-out subjects and is rewritten identically', async () => {
    const [a, b, held] = await Promise.all([
      stored(uniqueSubjectId(), 1),
      stored(uniqueSubjectId(), 2),
      stored(uniqueSubjectId(), 3),
    ]);
    const run = finishedRun({
      experiment: uniqueName('exp-'),
      trainSubjects: [a.subject, b.subject],
      testSubjects: [held.subject],
      datasetSnapshot: {
        hash: 'h',
        windowSets: [a, b, held].map((set) => ({ ...set, sourceBlob: '', sourceSha256: '', windows: 0 })),
      },
    });

    const profile = await recordInputProfile(storage, run, ['EDA', 'TEMP']);
    expect(profile).toMatchObject({ format: 'wesad-input-profile-v1', runId: run.runId, trainingSubjects: 2 });
    expect(Object.keys(profile.signals)).toEqual(['EDA', 'TEMP']);

    const expected = signalProfile(Float64Array.from([...labelledTemperatures(1), ...labelledTemperatures(2)]));
    const temp = profile.signals.TEMP;
    expect(temp?.values).toBe(expected.values);
    expect(temp?.mean).toBeCloseTo(expected.mean, 4);
    expect(temp?.std).toBeCloseTo(expected.std, 4);
    expect(temp?.trimmedMean).toBeCloseTo(expected.trimmedMean, 4);
    temp?.edges.forEach((edge, index) => {
      expect(edge).toBeCloseTo(expected.edges[index] ?? Number.NaN, 4);
    });
    // In °C, not z-scores: the subjects' skin temperature, which z-scoring would have removed.
    expect(temp?.mean).toBeGreaterThan(30);

    const first = await readModelsBlob(storage, runPaths.inputProfile(run.runId));
    await recordInputProfile(storage, run, ['EDA', 'TEMP']);
    expect(await readModelsBlob(storage, runPaths.inputProfile(run.runId))).toEqual(first);
    expect(await readInputProfile(storage, run.runId)).toEqual(profile);
  });

  it('is absent for a run that never recorded one', async () => {
    expect(await readInputProfile(storage, finishedRun({ experiment: 'e' }).runId)).toBeUndefined();
  });
});
