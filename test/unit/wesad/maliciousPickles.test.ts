import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readWesadPickle } from '../../../src/domain/wesad/pickle/wesadPickleReader.js';
import { runPython } from './support/pythonTools.js';
import { chunked } from './support/streams.js';

const directory = mkdtempSync(join(tmpdir(), 'wesad-malicious-'));
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

async function rejection(bytes: Uint8Array): Promise<unknown> {
  return readWesadPickle(chunked(bytes)).then(
    () => new Error('accepted'),
    (error: unknown) => error,
  );
}

describe('pickles that try to run code', () => {
  it('rejects a REDUCE of os.system and runs nothing (a pickle written by Python)', async () => {
    const marker = join(directory, 'ran');
    const path = join(directory, 'evil.pkl');
    const script = [
      'import os, pickle, sys',
      'class Evil:',
      `    def __reduce__(self): return (os.system, (${JSON.stringify(`touch ${marker}`)},))`,
      `open(${JSON.stringify(path)}, 'wb').write(pickle.dumps({'signal': Evil(), 'label': 1}, protocol=2))`,
    ].join('\n');
    runPython(['-c', script]);
    const bytes = readFileSync(path);
    expect(bytes.includes('system')).toBe(true);
    const error = await rejection(bytes);
    expect(error).toMatchObject({ code: 'FORBIDDEN_GLOBAL' });
    expect(String(error)).toContain('posix.system');
    expect(existsSync(marker)).toBe(false);
  });

  it.each([
    ['GLOBAL builtins.eval (protocol 0)', Buffer.from("cbuiltins\neval\n(S'1+1'\ntR.", 'latin1')],
    ['STACK_GLOBAL subprocess.Popen', Buffer.from('\x80\x04\x8c\x0asubprocess\x8c\x05Popen\x93.', 'latin1')],
  ])('rejects %s before anything happens', async (_name, bytes) => {
    expect(await rejection(bytes)).toMatchObject({ code: 'FORBIDDEN_GLOBAL' });
  });

  it.each([
    ['INST', Buffer.from('(ios\nsystem\nS"id"\n.', 'latin1')],
    ['OBJ', Buffer.from('(cnumpy\ndtype\nS"f8"\no.', 'latin1')],
    ['PERSID', Buffer.from('P1\n.', 'latin1')],
    ['NEWOBJ', Buffer.from('\x80\x02cnumpy\ndtype\n)\x81.', 'latin1')],
  ])('rejects the %s opcode', async (_name, bytes) => {
    expect(await rejection(bytes)).toMatchObject({
      code: expect.stringMatching(/FORBIDDEN_OPCODE|NOT_A_PICKLE/) as string,
    });
  });

  it('rejects an allowed global called the way numpy never calls it', async () => {
    const bytes = Buffer.from('\x80\x02cnumpy\nndarray\nK\x01\x85R.', 'latin1');
    expect(await rejection(bytes)).toMatchObject({ code: 'FORBIDDEN_GLOBAL' });
  });
});
