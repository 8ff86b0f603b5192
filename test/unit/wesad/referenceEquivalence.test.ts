import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { ingestSubjectPickle } from '../../../src/domain/wesad/ingestPickle.js';
import { makeFixture, runReference, type FixtureSpec } from './support/pythonTools.js';
import { fileStream } from './support/streams.js';
import { expectMatchesReference } from './support/windowSetComparison.js';

const directory = mkdtempSync(join(tmpdir(), 'wesad-equivalence-'));
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

/** Every form a numpy writer produces, read from a stream and compared with preprocess_reference.py. */
const VARIANTS: [string, FixtureSpec][] = [
  ['python 2, protocol 2 (the real files)', { style: 'py2', protocol: 2 }],
  ['python 2, protocol 0', { style: 'py2', protocol: 0 }],
  ['python 2, protocol 1', { style: 'py2', protocol: 1 }],
  ['python 3, protocol 0 (text opcodes, _codecs.encode)', { style: 'py3', protocol: 0 }],
  ['python 3, protocol 1', { style: 'py3', protocol: 1 }],
  ['python 3, protocol 2 (_codecs.encode)', { style: 'py3', protocol: 2 }],
  ['python 3, protocol 3 (BINBYTES)', { style: 'py3', protocol: 3 }],
  ['python 3, protocol 4 (frames, STACK_GLOBAL, MEMOIZE)', { style: 'py3', protocol: 4 }],
  ['python 3, protocol 5 (_frombuffer, BYTEARRAY8)', { style: 'py3', protocol: 5 }],
  [
    'Fortran order, big endian, int64 label (py2)',
    { style: 'py2', protocol: 2, flags: ['--fortran', '--bigendian', '--label-int64'] },
  ],
  [
    'Fortran order, big endian, int64 label (protocol 5)',
    { style: 'py3', protocol: 5, flags: ['--fortran', '--bigendian', '--label-int64'] },
  ],
  ['Fortran order, big endian (protocol 0)', { style: 'py3', protocol: 0, flags: ['--fortran', '--bigendian'] }],
  // 600 s makes the 32 and 64 Hz wrist arrays large enough to be reduced while they stream in.
  ['python 2, protocol 2, 600 s (BVP and ACC reduced as they stream)', { style: 'py2', protocol: 2, seconds: 600 }],
  [
    'python 3, protocol 4, 600 s, Fortran order ACC (decoded in full), big endian',
    { style: 'py3', protocol: 4, seconds: 600, flags: ['--fortran', '--bigendian'] },
  ],
];

describe('pickle reader + wesad-wrist-v1 against the numpy reference', () => {
  it.each(VARIANTS)('%s', async (_label, spec) => {
    const name = `S${40 + VARIANTS.findIndex(([, s]) => s === spec)}`;
    const pickle = makeFixture(directory, name, { ...spec, seed: 7 });
    const reference = runReference(pickle, join(directory, `${name}-reference`));
    const processed = await ingestSubjectPickle(fileStream(pickle, 10_007), { sourceName: `${name}.pkl` });
    expectMatchesReference(processed, reference);
  });
});
