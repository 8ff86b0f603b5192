import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ingestSubjectPickle } from '../../../src/domain/wesad/ingestPickle.js';
import { pickleBytes, subjectTree } from './support/handMadePickles.js';

describe('upload streams', () => {
  const bytes = pickleBytes(subjectTree());

  it('accepts a Node Readable of Buffers, as a blob download body is', async () => {
    const body: NodeJS.ReadableStream = Readable.from([
      Buffer.from(bytes.subarray(0, 1000)),
      Buffer.from(bytes.subarray(1000)),
    ]);
    const processed = await ingestSubjectPickle(body, { sourceName: 'S70.pkl' });
    expect(processed.manifest.source.sizeBytes).toBe(bytes.length);
  });

  it('refuses a stream that was decoded to text', async () => {
    const body = Readable.from([Buffer.from(bytes)]);
    body.setEncoding('latin1');
    await expect(ingestSubjectPickle(body, { sourceName: 'S70.pkl' })).rejects.toThrow(/as bytes/);
  });

  it('closes the stream as soon as it refuses the input, not at garbage collection', async () => {
    // Refused at its first bytes, while most of the upload is still unread.
    const body = Readable.from([Buffer.from('not a pickle at all'), Buffer.from(bytes), Buffer.from(bytes)]);
    await expect(ingestSubjectPickle(body, { sourceName: 'S70.pkl' })).rejects.toThrow();
    expect(body.destroyed).toBe(true);
  });
});
