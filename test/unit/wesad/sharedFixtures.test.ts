import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestSubjectPickle } from '../../../src/domain/wesad/ingestPickle.js';
import { readWesadPickle } from '../../../src/domain/wesad/pickle/wesadPickleReader.js';
import { runReference, SHARED_FIXTURES } from './support/pythonTools.js';
import { fileStream } from './support/streams.js';
import { expectMatchesReference } from './support/windowSetComparison.js';

const directory = mkdtempSync(join(tmpdir(), 'wesad-shared-'));
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

interface Sidecar {
  wrist: Record<string, { shape: number[]; sum: number; first: number[] }>;
  label: { shape: number[]; counts: Record<string, number> };
}

describe.each(['S90', 'S91'])('shared fixture %s', (name) => {
  const pickle = join(SHARED_FIXTURES, `${name}.pkl`);

  it('reads what the sidecar says the file holds', async () => {
    const sidecar = JSON.parse(readFileSync(`${pickle}.json`, 'utf8')) as Sidecar;
    const { recording } = await readWesadPickle(fileStream(pickle));
    for (const [signal, expected] of Object.entries(sidecar.wrist)) {
      const values = recording.wrist[signal as 'EDA'];
      expect(values.length).toBe(expected.shape.reduce((a, b) => a * b, 1));
      expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(expected.sum, 6);
      expect(Array.from(values.subarray(0, 3))).toEqual(expected.first);
    }
    const counts = Object.fromEntries([...recording.labels.countsByCode()].map(([code, n]) => [String(code), n]));
    expect(counts).toEqual(sidecar.label.counts);
    expect(recording.subject).toBe(name);
  });

  it('preprocesses like the reference, with other steps and the meditation rule too', async () => {
    for (const [step, meditation] of [
      [2, false],
      [0.5, true],
      [3, false],
    ] as const) {
      const reference = runReference(pickle, join(directory, `${name}-${step}`), step, meditation);
      const processed = await ingestSubjectPickle(fileStream(pickle), {
        sourceName: `${name}.pkl`,
        parameters: { stepSeconds: step, includeMeditation: meditation },
      });
      expectMatchesReference(processed, reference);
    }
  });
});
