import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { generateCommand } from '../../../src/cli/generateCommand.js';
import { preprocessCommand } from '../../../src/cli/preprocessCommand.js';
import { runPython } from './support/pythonTools.js';
import { syntheticSubject } from '../../../src/domain/wesad/synthetic/syntheticSubject.js';
import { realisticE4Export, zipOf } from '../../support/e4Exports.js';

const directory = mkdtempSync(join(tmpdir(), 'wesad-cli-'));
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('wesad-mlops CLI', () => {
  it('generates subject folders and preprocesses them into .npy files numpy reads', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await generateCommand(['--out', directory, '--subjects', 'S5', '--seconds', '300', '--seed', '9', '--no-chest']);
    for (const name of ['S5.pkl', 'S5_E4_Data.zip', 'S5_quest.csv'])
      expect(existsSync(join(directory, 'S5', name))).toBe(true);

    const out = join(directory, 'out');
    await preprocessCommand([join(directory, 'S5', 'S5.pkl'), '--out', out, '--step', '4']);
    log.mockRestore();
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      subject: string;
      parameters: { stepSeconds: number };
      counts: { windows: number };
    };
    expect(manifest).toMatchObject({ subject: 'S5', parameters: { stepSeconds: 4 } });
    const shapes = runPython([
      '-c',
      `import numpy as np; print(' '.join(str(np.load('${out}/' + n + '.npy').shape).replace(' ', '') for n in ['EDA','BVP','TEMP','ACC','y','t']))`,
    ]).trim();
    const n = manifest.counts.windows;
    expect(shapes).toBe(`(${n},32) (${n},256) (${n},32) (${n},256) (${n},) (${n},)`);
  });

  it('preprocesses an E4 zip into unlabelled windows', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await generateCommand(['--out', directory, '--subjects', 'S6', '--seconds', '120', '--no-chest']);
    const out = join(directory, 'out-e4');
    await preprocessCommand([join(directory, 'S6', 'S6_E4_Data.zip'), '--out', out]);
    log.mockRestore();
    expect(existsSync(join(out, 't.npy'))).toBe(true);
    expect(existsSync(join(out, 'y.npy'))).toBe(false);
  });

  it('preprocesses an unzipped E4 folder exactly as its zip', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const files = realisticE4Export(syntheticSubject({ subject: 'S8', seconds: 120, seed: 5 }), { emptyTags: true });
    const folder = join(directory, 'S8', 'S8_E4_Data');
    mkdirSync(folder, { recursive: true });
    for (const [name, data] of files) writeFileSync(join(folder, name), data);
    writeFileSync(join(directory, 'S8', 'S8_E4_Data.zip'), zipOf(files));
    await preprocessCommand([folder, '--out', join(directory, 'out-folder')]);
    await preprocessCommand([join(directory, 'S8', 'S8_E4_Data.zip'), '--out', join(directory, 'out-zip')]);
    log.mockRestore();
    const manifest = (out: string) =>
      JSON.parse(readFileSync(join(directory, out, 'manifest.json'), 'utf8')) as { subject: string; version: string };
    expect(manifest('out-folder').subject).toBe('S8');
    expect(manifest('out-folder').version).toBe(manifest('out-zip').version);
  });

  it('rejects unknown options and missing arguments', async () => {
    await expect(preprocessCommand(['x.pkl'])).rejects.toThrow(/usage/);
    await expect(generateCommand(['--out', directory, '--bogus', '1'])).rejects.toThrow(/Unknown option/);
  });
});
