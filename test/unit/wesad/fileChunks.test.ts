import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { readFileChunks } from '../../../src/cli/fileChunks.js';

const directory = mkdtempSync(join(tmpdir(), 'wesad-chunks-'));
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

it('streams a file through two reused buffers, each chunk intact until the next is asked for', async () => {
  const bytes = Buffer.from(Array.from({ length: 10_000 }, (_, i) => (i * 31) % 251));
  const path = join(directory, 'data.bin');
  writeFileSync(path, bytes);
  const copies: Buffer[] = [];
  for await (const chunk of readFileChunks(path, 999)) copies.push(Buffer.from(chunk));
  expect(Buffer.concat(copies).equals(bytes)).toBe(true);
  expect(copies.length).toBe(Math.ceil(10_000 / 999));

  let seen = 0;
  for await (const chunk of readFileChunks(path, 999)) {
    seen += chunk.length;
    if (seen > 2000) break;
  }
  expect(seen).toBe(2997);
});

it('hands its buffers back once the consumer is done, without waiting for a garbage collection', async () => {
  const path = join(directory, 'small.bin');
  writeFileSync(path, Buffer.alloc(5000, 7));
  let last: Uint8Array = new Uint8Array(0);
  for await (const chunk of readFileChunks(path, 999)) last = chunk;
  // The chunk's memory was released (its buffer detached), so the view is empty now.
  expect(last.byteLength).toBe(0);
});
