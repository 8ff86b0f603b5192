import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ingestSubjectPickle } from '../../../src/domain/wesad/ingestPickle.js';
import { storeWindowSet } from '../../../src/domain/datasets/windowSetStore.js';
import { trainingWindows } from '../../../src/domain/runExecution/trainingWork.js';
import { loadSubjectWindows } from '../../../src/domain/runs/windowLoading.js';
import { parseTrainingParams, SIGNALS } from '../../../src/domain/training/index.js';
import type { RunRecord } from '../../../src/domain/runs/runRecords.js';
import { testStorage } from '../../support/testStorage.js';
import { syntheticPickle, uniqueSubjectId } from '../../support/syntheticUploads.js';

const storage = testStorage();

async function stored(subject: string, seed: number): Promise<{ subject: string; version: string }> {
  const set = await ingestSubjectPickle([syntheticPickle(subject, 240, seed)], { sourceName: `${subject}.pkl` });
  await storeWindowSet(storage, set);
  return { subject, version: set.version };
}

function rowsOf(values: Float32Array, count: number): Set<string> {
  const width = values.length / count;
  const rows = new Set<string>();
  for (let i = 0; i < count; i++)
    rows.add(Buffer.from(values.buffer, values.byteOffset + i * width * 4, width * 4).toString('base64'));
  return rows;
}

describe('the training windows of a run', () => {
  it('come from the training subjects only, before and after SMOTE', async () => {
    const [a, b, held] = await Promise.all([
      stored(uniqueSubjectId(), 1),
      stored(uniqueSubjectId(), 2),
      stored(uniqueSubjectId(), 3),
    ]);
    const params = parseTrainingParams({ seed: 9 });
    const run = {
      runId: `held-out-${randomUUID()}`,
      trainSubjects: [a.subject, b.subject],
      validationSubjects: [],
      testSubjects: [held.subject],
      params,
      datasetSnapshot: {
        hash: 'h',
        windowSets: [a, b, held].map((set) => ({ ...set, sourceBlob: '', sourceSha256: '', windows: 0 })),
      },
    } as unknown as RunRecord;

    const windows = await trainingWindows(storage, run, params);
    const heldOut = await loadSubjectWindows(storage, held.subject, held.version, SIGNALS);
    const trainParts = await Promise.all(
      [a, b].map((set) => loadSubjectWindows(storage, set.subject, set.version, SIGNALS)),
    );
    const trainCount = trainParts.reduce((sum, part) => sum + part.windows.count, 0);
    const positives = trainParts.reduce(
      (sum, part) => sum + Array.from(part.windows.labels).filter((y) => y === 1).length,
      0,
    );
    // SMOTE adds exactly the minority deficit of the training subjects, and nothing else.
    expect(windows.count).toBe(trainCount + Math.abs(trainCount - 2 * positives));

    for (const signal of SIGNALS) {
      const produced = windows.signals[signal];
      const held = heldOut.windows.signals[signal];
      if (produced === undefined || held === undefined) throw new Error(`no ${signal}`);
      const heldRows = rowsOf(held, heldOut.windows.count);
      const leaked = [...rowsOf(produced, windows.count)].filter((row) => heldRows.has(row));
      expect(leaked).toHaveLength(0);
    }
  });
});
