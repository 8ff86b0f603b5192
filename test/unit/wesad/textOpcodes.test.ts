import { describe, expect, it } from 'vitest';
import { readWesadPickle } from '../../../src/domain/wesad/pickle/wesadPickleReader.js';
import { decodeRawUnicodeEscape, decodeStringRepr } from '../../../src/domain/wesad/pickle/textEncodings.js';
import { chunked } from './support/streams.js';

describe('protocol 0 text opcodes', () => {
  it('decodes a Python 2 STRING repr with escapes', () => {
    expect(Array.from(decodeStringRepr("'a\\x00\\xff\\n\\\\\\''"))).toEqual([0x61, 0, 0xff, 0x0a, 0x5c, 0x27]);
    expect(Array.from(decodeStringRepr('"\\101\\t"'))).toEqual([0x41, 0x09]);
  });

  it('decodes raw-unicode-escape as Python 3 writes bytes in protocol 0', () => {
    expect(decodeRawUnicodeEscape(Buffer.from('a\\u005cb\\u000a\xe9', 'latin1'))).toBe('a\\b\n\u00e9');
  });

  it('reads a protocol 0 subject written by Python 2 (STRING arrays)', async () => {
    const f8 = (values: number[]) =>
      Buffer.from(new Float64Array(values).buffer)
        .toString('latin1')
        .replace(/[\s\S]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
    const array = (rows: number, cols: number, values: number[]) =>
      `cnumpy.core.multiarray\n_reconstruct\n(cnumpy\nndarray\n(I0\ntS'b'\ntR(I1\n(I${rows}\nI${cols}\ntcnumpy\ndtype\n(S'f8'\nI0\nI1\ntR(I3\nS'<'\nNNNI-1\nI-1\nI0\ntbI00\nS'${f8(values)}'\ntb`;
    const label = `cnumpy.core.multiarray\n_reconstruct\n(cnumpy\nndarray\n(I0\ntS'b'\ntR(I1\n(I5600\ntcnumpy\ndtype\n(S'i4'\nI0\nI1\ntR(I3\nS'<'\nNNNI-1\nI-1\nI0\ntbI00\nS'${Buffer.alloc(
      5600 * 4,
      0,
    )
      .fill(Buffer.from([2, 0, 0, 0]))
      .toString('latin1')
      .replace(/[\s\S]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}'\ntb`;
    const text =
      `(dS'signal'\n(dS'wrist'\n(dS'ACC'\n${array(256, 3, Array<number>(768).fill(64))}sS'BVP'\n${array(512, 1, Array<number>(512).fill(1))}` +
      `sS'EDA'\n${array(32, 1, Array<number>(32).fill(2))}sS'TEMP'\n${array(32, 1, Array<number>(32).fill(33))}sssS'label'\n${label}s.`;
    const { recording } = await readWesadPickle(chunked(Buffer.from(text, 'latin1'), 333));
    expect(recording.wrist.ACC.length).toBe(768);
    expect(recording.wrist.TEMP[31]).toBe(33);
    expect([...recording.labels.countsByCode()]).toEqual([[2, 5600]]);
  });
});
