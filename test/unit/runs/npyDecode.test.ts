import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeNpy } from '../../../src/domain/datasets/npyDecode.js';
import { encodeNpy } from '../../../src/domain/wesad/preprocess/npy.js';

describe('reading .npy files', () => {
  it('reads back what the window-set writer wrote', () => {
    const values = Float32Array.from([1.5, -2, 3.25, 4, 5, 6]);
    const decoded = decodeNpy(encodeNpy(values, [2, 3]));
    expect(decoded).toMatchObject({ dtype: '<f4', shape: [2, 3] });
    expect([...decoded.data]).toEqual([...values]);
  });

  it('reads a file numpy wrote', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'npy-')), 'y.npy');
    execFileSync(process.env.WESAD_PYTHON ?? '/usr/bin/python3', [
      '-c',
      `import numpy as np; np.save(${JSON.stringify(file)}, np.array([0, 1, 1, 0], dtype=np.uint8))`,
    ]);
    const decoded = decodeNpy(readFileSync(file));
    expect(decoded.dtype).toBe('|u1');
    expect([...decoded.data]).toEqual([0, 1, 1, 0]);
  });

  it('refuses what is not an .npy file', () => {
    expect(() => decodeNpy(Buffer.from('not numpy at all'))).toThrow(/Not an .npy file/);
  });
});
