import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestSubjectPickle } from '../../../src/domain/wesad/ingestPickle.js';
import { parseQuestTimeline } from '../../../src/domain/wesad/e4/questTimeline.js';
import { questCsv } from '../../../src/domain/wesad/synthetic/e4Export.js';
import { subjectPicklePieces, syntheticSubject } from '../../../src/domain/wesad/synthetic/syntheticSubject.js';
import { parseNpy } from './support/npyReader.js';
import { runReference } from './support/pythonTools.js';
import { chunked, concatPieces } from './support/streams.js';
import { expectMatchesReference } from './support/windowSetComparison.js';

const directory = mkdtempSync(join(tmpdir(), 'wesad-synthetic-'));
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

function pickleOf(seed: number, seconds = 600, chest = false): Uint8Array {
  return concatPieces(subjectPicklePieces(syntheticSubject({ subject: 'S9', seconds, seed }), { chest }));
}

function windowMeans(data: Uint8Array, width: number): number[] {
  const { values } = parseNpy(data);
  const means: number[] = [];
  for (let row = 0; row * width < values.length; row += 1) {
    means.push(values.slice(row * width, (row + 1) * width).reduce((a, b) => a + b, 0) / width);
  }
  return means;
}

describe('synthetic WESAD generator', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
    expect(digest(pickleOf(1, 120))).toBe(digest(pickleOf(1, 120)));
    expect(digest(pickleOf(2, 120))).not.toBe(digest(pickleOf(1, 120)));
  });

  it('writes pickles Python reads, in the real layout (chest included)', async () => {
    const path = join(directory, 'S9.pkl');
    const bytes = pickleOf(3, 300, true);
    writeFileSync(path, bytes);
    const reference = runReference(path, join(directory, 'S9-reference'));
    expectMatchesReference(await ingestSubjectPickle(chunked(bytes), { sourceName: 'S9.pkl' }), reference);
  });

  it('follows the study protocol in its quest file', () => {
    const timeline = parseQuestTimeline(questCsv(syntheticSubject({ subject: 'S9', seconds: 600, seed: 4 })));
    expect(timeline.phases.map((p) => p.condition).sort()).toEqual(
      ['baseline', 'stress', 'amusement', 'meditation', 'meditation', 'reading'].sort(),
    );
  });

  it('raises EDA and lowers skin temperature under stress (z-scored per subject, averaged over subjects)', async () => {
    const contrasts = { eda: 0, temp: 0 };
    const seeds = [5, 6, 7, 8];
    for (const seed of seeds) {
      const processed = await ingestSubjectPickle(chunked(pickleOf(seed)), { sourceName: 'S9.pkl' });
      const file = (name: string) => processed.files.find((f) => f.name === name)?.data ?? new Uint8Array();
      const y = parseNpy(file('y.npy')).values;
      const contrast = (name: string) => {
        const means = windowMeans(file(name), 32);
        const average = (label: number) => {
          const picked = means.filter((_, i) => y[i] === label);
          return picked.reduce((a, b) => a + b, 0) / picked.length;
        };
        return average(1) - average(0);
      };
      contrasts.eda += contrast('EDA.npy') / seeds.length;
      contrasts.temp += contrast('TEMP.npy') / seeds.length;
    }
    expect(contrasts.eda).toBeGreaterThan(0.5);
    expect(contrasts.temp).toBeLessThan(-0.3);
  });

  it('varies the physiology between subjects', () => {
    const levels = [1, 2, 3, 4].map((seed) => syntheticSubject({ subject: 'S9', seconds: 60, seed }).physiology);
    expect(new Set(levels.map((p) => p.edaMicrosiemens.toFixed(3))).size).toBe(4);
    expect(new Set(levels.map((p) => p.heartRateBpm.toFixed(3))).size).toBe(4);
  });
});
