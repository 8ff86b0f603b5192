import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WesadInputError } from '../../../src/domain/wesad/errors.js';
import { ingestSubjectPickle } from '../../../src/domain/wesad/ingestPickle.js';
import { float64Source, type PickleTree } from '../../../src/domain/wesad/synthetic/pickleWriter.js';
import { pickleBytes, subjectTree } from './support/handMadePickles.js';
import { SHARED_FIXTURES } from './support/pythonTools.js';
import { chunked } from './support/streams.js';

async function codeOf(bytes: Uint8Array, maxBytes?: number): Promise<string> {
  try {
    await ingestSubjectPickle(chunked(bytes), { sourceName: 'S70.pkl', maxBytes });
  } catch (error) {
    expect(error).toBeInstanceOf(WesadInputError);
    const { code, message } = error as WesadInputError;
    expect(message.length).toBeGreaterThan(10);
    return code;
  }
  return 'ACCEPTED';
}

describe('bad pickle uploads get a typed error', () => {
  it('accepts the untouched hand-made subject (the baseline of the cases below)', async () => {
    expect(await codeOf(pickleBytes(subjectTree()))).toBe('ACCEPTED');
  });

  it('a 0-byte input', async () => {
    expect(await codeOf(new Uint8Array(0))).toBe('EMPTY_INPUT');
  });

  it('non-pickle bytes named .pkl', async () => {
    expect(await codeOf(Buffer.from('hello, this is a text file\n'))).toBe('NOT_A_PICKLE');
  });

  it('a truncated pickle', async () => {
    const real = readFileSync(join(SHARED_FIXTURES, 'S90.pkl'));
    expect(await codeOf(real.subarray(0, Math.floor(real.length / 2)))).toBe('TRUNCATED_PICKLE');
  });

  it('an input larger than the configured limit', async () => {
    const bytes = pickleBytes(subjectTree());
    expect(await codeOf(bytes, bytes.length - 1)).toBe('INPUT_TOO_LARGE');
  });

  it('a dict without signal.wrist', async () => {
    const tree = subjectTree();
    expect(await codeOf(pickleBytes({ signal: { chest: tree.signal.wrist }, label: tree.label }))).toBe(
      'MISSING_FIELD',
    );
  });

  it('a dict without label', async () => {
    const tree = subjectTree();
    expect(await codeOf(pickleBytes({ signal: tree.signal, subject: 'S70' }))).toBe('MISSING_FIELD');
  });

  it('a wrist dict missing one signal', async () => {
    const tree = subjectTree();
    const { TEMP: _dropped, ...wrist } = tree.signal.wrist;
    expect(await codeOf(pickleBytes({ ...tree, signal: { wrist } }))).toBe('MISSING_FIELD');
  });

  it('arrays of inconsistent length (or rate)', async () => {
    const tree = subjectTree();
    const halfRate = new Float64Array(20 * 32);
    const wrist: Record<string, PickleTree> = {
      ...tree.signal.wrist,
      BVP: float64Source(halfRate, [halfRate.length, 1]),
    };
    expect(await codeOf(pickleBytes({ ...tree, signal: { wrist } }))).toBe('INCONSISTENT_SIGNALS');
  });

  it.each([NaN, Infinity, -Infinity])('a %s sample', async (bad) => {
    const tree = subjectTree();
    const eda = new Float64Array(80).fill(1);
    eda[17] = bad;
    const wrist: Record<string, PickleTree> = { ...tree.signal.wrist, EDA: float64Source(eda, [80, 1]) };
    expect(await codeOf(pickleBytes({ ...tree, signal: { wrist } }))).toBe('NON_FINITE_SAMPLE');
  });

  it('a top level that is not a dict', async () => {
    expect(await codeOf(Buffer.from('\x80\x02]q\x00.', 'latin1'))).toBe('MISSING_FIELD');
    expect(await codeOf(Buffer.from('\x80\x02}q\x00.', 'latin1'))).toBe('MISSING_FIELD');
  });
});
