import { describe, expect, it } from 'vitest';
import { ingestE4Csvs, ingestE4Zip } from '../../../src/domain/wesad/ingestE4.js';
import { e4Csvs, e4Zip } from '../../../src/domain/wesad/synthetic/e4Export.js';
import { syntheticSubject } from '../../../src/domain/wesad/synthetic/syntheticSubject.js';
import { parseNpy } from './support/npyReader.js';

describe('E4 exports become an unlabelled recording for prediction', () => {
  const subject = syntheticSubject({ subject: 'S3', seconds: 300, seed: 11, sessionStartUnix: 1_500_000_000 });

  it('windows the zip with absolute timestamps and no labels', () => {
    const processed = ingestE4Zip(e4Zip(subject), { sourceName: 'S3_E4_Data.zip' });
    const names = processed.files.map((file) => file.name);
    expect(names).toEqual(['EDA.npy', 'BVP.npy', 'TEMP.npy', 'ACC.npy', 't.npy']);
    const t = parseNpy(processed.files.find((file) => file.name === 't.npy')?.data ?? new Uint8Array());
    const session = 60 + 300 + 30;
    expect(t.values.length).toBe((session - 8) / 2 + 1);
    expect(t.values[0]).toBe(1_500_000_000);
    expect(t.values[1]).toBe(1_500_000_002);
    expect(processed.manifest).toMatchObject({ kind: 'unlabelled', timeBase: 'unix', subject: 'S3' });
    expect(processed.manifest.warnings.join(' ')).toContain('TEMP');
  });

  it('gives loose CSVs the same windows as the zip', () => {
    const fromZip = ingestE4Zip(e4Zip(subject), { sourceName: 'S3_E4_Data.zip' });
    const loose = new Map([...e4Csvs(subject)].map(([name, text]) => [name, new Uint8Array(Buffer.from(text))]));
    const fromCsvs = ingestE4Csvs(loose, { sourceName: 'S3_E4_Data' });
    expect(fromCsvs.files.map((file) => file.data)).toEqual(fromZip.files.map((file) => file.data));
  });

  it('aligns streams that started at different times', () => {
    const csvs = e4Csvs(subject);
    const eda = csvs.get('EDA.csv') ?? '';
    const lines = eda.split('\n');
    // EDA started 10 s earlier: 40 extra samples at 4 Hz before the common start.
    const shifted = ['1499999990.000000', lines[1], ...Array<string>(40).fill('9.999'), ...lines.slice(2)].join('\n');
    const loose = new Map(
      [...csvs].map(([name, text]) => [name, new Uint8Array(Buffer.from(name === 'EDA.csv' ? shifted : text))]),
    );
    const aligned = ingestE4Csvs(loose, { sourceName: 'S3' });
    const plain = ingestE4Csvs(new Map([...csvs].map(([n, t]) => [n, new Uint8Array(Buffer.from(t))])), {
      sourceName: 'S3',
    });
    expect(aligned.files.find((f) => f.name === 'EDA.npy')?.data).toEqual(
      plain.files.find((f) => f.name === 'EDA.npy')?.data,
    );
  });

  it('refuses an empty or oversized upload', () => {
    expect(() => ingestE4Zip(new Uint8Array(0), { sourceName: 'x.zip' })).toThrow(
      expect.objectContaining({ code: 'EMPTY_INPUT' }) as Error,
    );
    expect(() => ingestE4Zip(e4Zip(subject), { sourceName: 'x.zip', maxBytes: 1000 })).toThrow(
      expect.objectContaining({ code: 'INPUT_TOO_LARGE' }) as Error,
    );
  });
});
