import { join } from 'node:path';
import { expect } from 'vitest';
import type { ProcessedWindowSet } from '../../../../src/domain/wesad/preprocess/windowSetOutput.js';
import { parseNpy, readNpy } from './npyReader.js';

const SIGNAL_FILES = ['EDA', 'BVP', 'TEMP', 'ACC'] as const;

/** Same window count, start times and labels as the numpy reference; values within 1e-5. */
export function expectMatchesReference(processed: ProcessedWindowSet, referenceDir: string): void {
  const ours = new Map(processed.files.map((file) => [file.name, parseNpy(file.data)]));
  const y = readNpy(join(referenceDir, 'y.npy'));
  const t = readNpy(join(referenceDir, 't.npy'));
  expect(ours.get('y.npy')?.values).toEqual(y.values);
  expect(ours.get('t.npy')?.values).toEqual(t.values);
  expect(y.values.length).toBeGreaterThan(0);
  for (const name of SIGNAL_FILES) {
    const reference = readNpy(join(referenceDir, `${name}.npy`));
    const mine = ours.get(`${name}.npy`);
    expect(mine?.shape).toEqual(reference.shape);
    expect(mine?.descr).toBe('<f4');
    const worst = reference.values.reduce(
      (max, value, i) => Math.max(max, Math.abs(value - (mine?.values[i] ?? NaN))),
      0,
    );
    expect(worst).toBeLessThanOrEqual(1e-5);
  }
}
