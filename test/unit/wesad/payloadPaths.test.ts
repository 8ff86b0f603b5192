import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ByteSource } from '../../../src/domain/wesad/pickle/byteSource.js';
import { PickleMachine } from '../../../src/domain/wesad/pickle/pickleMachine.js';
import { makeFixture, type FixtureSpec } from './support/pythonTools.js';
import { pickleBytes, subjectTree } from './support/handMadePickles.js';
import { chunked, fileStream } from './support/streams.js';

const directory = mkdtempSync(join(tmpdir(), 'wesad-paths-'));
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

const EXPECTED_PATHS = [
  'label',
  ...['ACC', 'ECG', 'EMG', 'EDA', 'Temp', 'Resp'].map((name) => `signal.chest.${name}`),
  ...['ACC', 'BVP', 'EDA', 'TEMP'].map((name) => `signal.wrist.${name}`),
].sort();

const SPECS: FixtureSpec[] = [0, 1, 2, 3, 4, 5].map((protocol) => ({ style: 'py3', protocol }));
SPECS.push({ style: 'py2', protocol: 2 }, { style: 'py2', protocol: 0 });

/** The reader decides to skip the chest arrays from the dict keys on the stack, before their bytes arrive. */
it.each(SPECS)('knows the dict path of every large array payload ($style, protocol $protocol)', async (spec) => {
  const name = `S${spec.style === 'py2' ? 60 : 61}${spec.protocol}`;
  const pickle = makeFixture(directory, name, { ...spec, seconds: 30 });
  const seen: string[] = [];
  const machine = new PickleMachine(new ByteSource(fileStream(pickle, 8192), { maxBytes: 1e9 }), {
    warnings: [],
    // 30 s of 4 Hz data is 960 bytes: every array counts as large here.
    streamThreshold: 512,
    decidePayload: (path) => {
      seen.push(path?.join('.') ?? '(unknown)');
      return path?.[0] === 'signal' && path[1] === 'chest' ? 'skip' : 'keep';
    },
  });
  await machine.run();
  expect([...new Set(seen)].sort()).toEqual(EXPECTED_PATHS);
});

it('finds the paths whatever the key order (label first, wrist before chest)', async () => {
  const tree = subjectTree(30);
  const reordered = pickleBytes({
    label: tree.label,
    subject: 'S70',
    signal: { wrist: tree.signal.wrist, chest: { ECG: tree.signal.wrist.BVP ?? 'missing' } },
  });
  const seen: string[] = [];
  const machine = new PickleMachine(new ByteSource(chunked(reordered, 4096), { maxBytes: 1e9 }), {
    warnings: [],
    streamThreshold: 512,
    decidePayload: (path) => {
      seen.push(path?.join('.') ?? '(unknown)');
      return 'keep';
    },
  });
  await machine.run();
  expect(seen).toEqual(['label', ...['ACC', 'BVP', 'EDA', 'TEMP'].map((n) => `signal.wrist.${n}`), 'signal.chest.ECG']);
});
