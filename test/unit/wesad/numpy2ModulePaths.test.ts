import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ingestSubjectPickle } from '../../../src/domain/wesad/ingestPickle.js';
import { makeFixture } from './support/pythonTools.js';
import { fileStream } from './support/streams.js';

const directory = mkdtempSync(join(tmpdir(), 'wesad-numpy2-'));
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

it('reads numpy._core.multiarray pickles (numpy 2 writers) like numpy.core ones', async () => {
  const spec = { style: 'py2', protocol: 2, seed: 3, flags: ['--fortran'] } as const;
  const classic = makeFixture(directory, 'S50', spec);
  const numpy2 = makeFixture(directory, 'S50b', { ...spec, flags: [...spec.flags, '--numpy2-path'] });
  const a = await ingestSubjectPickle(fileStream(classic), { sourceName: 'S50.pkl', subject: 'S50' });
  const b = await ingestSubjectPickle(fileStream(numpy2), { sourceName: 'S50.pkl', subject: 'S50' });
  expect(b.files.map((f) => f.data)).toEqual(a.files.map((f) => f.data));
  expect(b.version).toBe(a.version);
});
