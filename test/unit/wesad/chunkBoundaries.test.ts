import { expect, it } from 'vitest';
import { ingestSubjectPickle } from '../../../src/domain/wesad/ingestPickle.js';
import { subjectPicklePieces, syntheticSubject } from '../../../src/domain/wesad/synthetic/syntheticSubject.js';
import { chunked, concatPieces } from './support/streams.js';

it('gives the same window set whatever the chunking of the stream', async () => {
  const subject = syntheticSubject({ subject: 'S80', seconds: 120, seed: 5 });
  const bytes = concatPieces(subjectPicklePieces(subject));
  const versions = new Set<string>();
  for (const size of [997, 4096, 65_537, bytes.length]) {
    const processed = await ingestSubjectPickle(chunked(bytes, size), { sourceName: 'S80.pkl' });
    versions.add(processed.version);
    expect(processed.manifest.source.sizeBytes).toBe(bytes.length);
  }
  expect(versions.size).toBe(1);
});
