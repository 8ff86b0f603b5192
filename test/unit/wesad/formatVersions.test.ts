import { describe, expect, it } from 'vitest';
import { ingestSubjectPickle } from '../../../src/domain/wesad/ingestPickle.js';
import { ingestE4Zip } from '../../../src/domain/wesad/ingestE4.js';
import { resolveParameters } from '../../../src/domain/wesad/preprocess/parameters.js';
import { e4Zip } from '../../../src/domain/wesad/synthetic/e4Export.js';
import { subjectPicklePieces, syntheticSubject } from '../../../src/domain/wesad/synthetic/syntheticSubject.js';
import { chunked, concatPieces } from './support/streams.js';

const subject = syntheticSubject({ subject: 'S4', seconds: 300, seed: 2 });
const pickle = concatPieces(subjectPicklePieces(subject, { chest: false }));

describe('wesad-wrist-v1 stays reproducible next to v2', () => {
  // Versions computed by the code before wesad-wrist-v2 existed (commit 908832b): v1 must never move.
  it('gives the versions it gave before v2 existed', async () => {
    const fromPickle = await ingestSubjectPickle(chunked(pickle), { sourceName: 'S4.pkl' });
    const fromZip = await ingestE4Zip(e4Zip(subject), { sourceName: 'S4_E4_Data.zip' });
    expect([fromPickle.version, fromZip.version]).toEqual(['cdd87a6c2d85783d', 'e63965139edcb3f7']);
    expect('artefacts' in fromPickle.manifest).toBe(false);
  });

  it('v2 of a pickle without artefacts holds the same arrays as v1 under another version', async () => {
    const v1 = await ingestSubjectPickle(chunked(pickle), { sourceName: 'S4.pkl' });
    const v2 = await ingestSubjectPickle(chunked(pickle), {
      sourceName: 'S4.pkl',
      parameters: { format: 'wesad-wrist-v2' },
    });
    expect(v2.manifest).toMatchObject({
      format: 'wesad-wrist-v2',
      kind: 'labelled',
      artefacts: { excludedSeconds: 0 },
    });
    expect(v2.files.map((file) => file.data)).toEqual(v1.files.map((file) => file.data));
    expect(v2.version).not.toBe(v1.version);
  });

  it('refuses a format it does not know', () => {
    expect(() => resolveParameters({ format: 'wesad-wrist-v9' as 'wesad-wrist-v1' })).toThrow(
      expect.objectContaining({ code: 'INVALID_PARAMETERS' }) as Error,
    );
  });
});
