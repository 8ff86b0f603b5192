import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ingestSubjectPickle } from '../../../src/domain/wesad/ingestPickle.js';
import { subjectPicklePieces, syntheticSubject } from '../../../src/domain/wesad/synthetic/syntheticSubject.js';
import { chunked, concatPieces } from './support/streams.js';

describe('window set version and manifest', () => {
  const bytes = concatPieces(
    subjectPicklePieces(syntheticSubject({ subject: 'S4', seconds: 300, seed: 2 }), { chest: false }),
  );
  const ingest = (step?: number, etag?: string) =>
    ingestSubjectPickle(chunked(bytes), {
      sourceName: 'uploads/S4.pkl',
      etag,
      parameters: step === undefined ? {} : { stepSeconds: step },
    });

  it('is the same when the same upload is processed twice (whatever its ETag)', async () => {
    const first = await ingest(undefined, '"0x1"');
    const second = await ingest(undefined, '"0x2"');
    expect(second.version).toBe(first.version);
    expect(first.version).toMatch(/^[0-9a-f]{16}$/);
  });

  it('changes with the parameters', async () => {
    expect((await ingest(1)).version).not.toBe((await ingest(2)).version);
  });

  it('records source, parameters, statistics, counts and files in the manifest', async () => {
    const { manifest, files, manifestJson } = await ingest(undefined, '"0x1"');
    expect(manifest.source).toEqual({
      name: 'uploads/S4.pkl',
      etag: '"0x1"',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      sizeBytes: bytes.length,
      reader: 'pickle',
    });
    expect(manifest.parameters).toMatchObject({
      format: 'wesad-wrist-v1',
      windowSeconds: 8,
      stepSeconds: 2,
      includeMeditation: false,
    });
    expect(Object.keys(manifest.normalisation)).toEqual(['EDA', 'BVP', 'TEMP', 'ACC']);
    const classes = (manifest.counts.perClass['0'] ?? 0) + (manifest.counts.perClass['1'] ?? 0);
    expect(classes).toBe(manifest.counts.windows);
    expect(manifest.counts.perClass['1']).toBeGreaterThan(0);
    expect(manifest.files.map((f) => [f.name, f.bytes])).toEqual(files.map((f) => [f.name, f.data.length]));
    expect(JSON.parse(manifestJson.toString())).toEqual(JSON.parse(JSON.stringify(manifest)));
  });
});
