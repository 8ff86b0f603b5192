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
